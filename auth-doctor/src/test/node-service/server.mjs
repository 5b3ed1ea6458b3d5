// A chat API and WebSocket endpoint in Node.js that validates JWTs on its own, with jose and ws:
// the system in another language that NodeServiceIT points the doctor at.
//
//   GET /me          Authorization: Bearer <token> → 200 {"subject": sub}, else 401 + WWW-Authenticate
//   WebSocket /ws    the same header on the handshake (401 before the upgrade); {"type":"whoami"} is
//                    answered {"type":"whoami","subject": sub}
//
// Keys: NODE_JWT_SECRET (HS256, its own secret) or JWKS_URL (a remote JWK Set, e.g. the example's
// /.well-known/jwks.json). JWT_ISSUER and JWT_AUDIENCE are required. Listens on a free loopback port
// and prints "listening on http://127.0.0.1:PORT". Never prints a token or the secret.
import http from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { WebSocketServer } from 'ws';

const { NODE_JWT_SECRET, JWKS_URL, JWT_ISSUER, JWT_AUDIENCE } = process.env;
if (!JWT_ISSUER || !JWT_AUDIENCE || !(NODE_JWT_SECRET || JWKS_URL)) {
  console.error('set JWT_ISSUER, JWT_AUDIENCE and NODE_JWT_SECRET or JWKS_URL');
  process.exit(2);
}
const key = JWKS_URL ? createRemoteJWKSet(new URL(JWKS_URL)) : new TextEncoder().encode(NODE_JWT_SECRET);
const algorithms = JWKS_URL ? ['ES256', 'RS256', 'PS256', 'EdDSA'] : ['HS256'];

async function subjectOf(request) {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(request.headers.authorization || '');
  if (!match) {
    throw new Error('no bearer token');
  }
  const { payload } = await jwtVerify(match[1], key, { issuer: JWT_ISSUER, audience: JWT_AUDIENCE, algorithms });
  if (typeof payload.sub !== 'string') {
    throw new Error('no subject');
  }
  return payload.sub;
}

const challenge = 'Bearer error="invalid_token"';
const server = http.createServer(async (request, response) => {
  if (request.method !== 'GET' || request.url !== '/me') {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
    return;
  }
  try {
    const subject = await subjectOf(request);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ subject }));
  } catch {
    response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': challenge })
      .end('{"error":"invalid_token"}');
  }
});

const sockets = new WebSocketServer({ noServer: true });
server.on('upgrade', async (request, socket, head) => {
  if (new URL(request.url, 'http://localhost').pathname !== '/ws') {
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return;
  }
  let subject;
  try {
    subject = await subjectOf(request);
  } catch {
    socket.end(`HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${challenge}\r\nContent-Length: 0\r\n`
      + 'Connection: close\r\n\r\n');
    return;
  }
  sockets.handleUpgrade(request, socket, head, (ws) => {
    ws.on('message', (data) => {
      let message;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (message && message.type === 'whoami') {
        ws.send(JSON.stringify({ type: 'whoami', subject }));
      }
    });
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
