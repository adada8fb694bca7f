// vitest globalSetup: the end-to-end specs drive the built interface, so build it once per run
// (and only when its sources changed) before any test file starts a server.
export default async function setup(): Promise<void> {
  // @ts-expect-error -- a plain .mjs script without type declarations
  const { buildUi } = (await import('../scripts/build-ui.mjs')) as {
    buildUi(o: { quiet: boolean }): Promise<boolean>;
  };
  await buildUi({ quiet: true });
}
