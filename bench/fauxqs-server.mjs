// Starts fauxqs (SNS, SQS, S3) bound to the loopback interface only; its stock CLI binds 0.0.0.0.
// Usage: node fauxqs-server.mjs <port>
import { buildApp } from "fauxqs";

const port = Number(process.argv[2] ?? 4576);
const app = buildApp({ logger: false, host: "localhost" });
await app.listen({ port, host: "127.0.0.1" });
console.log(`fauxqs listening on http://127.0.0.1:${port}`);
