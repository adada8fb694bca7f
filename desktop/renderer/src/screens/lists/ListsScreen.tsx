import type { Route } from '../../app/router';
import { ListDetail } from './ListDetail';
import { ListsOverview } from './ListsOverview';
import './lists.css';

/** #/lists shows every list; #/lists/<id or system key> shows one. */
export default function ListsScreen({ route }: { route: Route }) {
  const listRef = route.params[0];
  // Keyed so that opening another list starts fresh (its own order, errors and focus).
  return listRef ? <ListDetail key={listRef} listRef={listRef} /> : <ListsOverview />;
}
