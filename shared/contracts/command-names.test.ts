import { describe, expect, it } from 'vitest';
import { commandInputs } from './commands';
import { COMMAND_NAMES, CORE_EVENT_NAMES, isCommandName, isCoreEventName } from './command-names';

describe('COMMAND_NAMES', () => {
  it('lists every command of commandInputs, once, and nothing else', () => {
    expect(new Set(COMMAND_NAMES).size).toBe(COMMAND_NAMES.length);
    expect([...COMMAND_NAMES].sort()).toEqual(Object.keys(commandInputs).sort());
  });

  it('tells command and event names from anything else', () => {
    expect(isCommandName('catalog.search')).toBe(true);
    expect(isCommandName('catalog.drop')).toBe(false);
    expect(isCommandName('__proto__')).toBe(false);
    expect(isCommandName('toString')).toBe(false);
    expect(isCommandName(42)).toBe(false);
    expect(CORE_EVENT_NAMES.every(isCoreEventName)).toBe(true);
    expect(isCoreEventName('navigate')).toBe(false);
  });
});
