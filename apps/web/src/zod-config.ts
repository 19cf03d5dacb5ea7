import { z } from 'zod';

// zod probes `new Function()` to compile fast parsers when a schema is created; the Content-Security-Policy forbids
// eval, so every probe filed a CSP violation report. Imported first by main.tsx, before any schema exists.
z.config({ jitless: true });
