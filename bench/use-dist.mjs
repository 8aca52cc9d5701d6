// Benchmarks measure the code users run: the compiled dist/, not the sources through tsx (whose
// transpiler wraps every closure to keep function names, which makes the evaluator ~1.7x slower).
// Registered after tsx, this resolve hook sends every import of src/**/*.ts to dist/**/*.js.
// The bench scripts run `npm run build` first, so dist/ is current.
import { register } from 'node:module';

register('./use-dist-hooks.mjs', import.meta.url);
