#!/usr/bin/env node
// Entry point installed as `cloudwarden`: runs the compiled CLI (built by `npm run build`, which `npm ci` runs).
// The AWS SDK warns on every run that Node 20 support ends; the project pins Node-20-compatible
// versions deliberately, so the warning is noise for users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
