// Imported first by the `stage-guide` bin and by its file worker threads: V8's heap bounds (heapGrowth.ts) are set
// before any other module of the bundle loads, since a young generation that grew while the bundle loaded would stay
// grown. A worker thread sets them again as it starts: node resets V8's flags, for the whole process, when it
// starts a worker.
import { boundHeapGrowth } from './heapGrowth';

boundHeapGrowth();
