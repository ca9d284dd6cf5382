// A Twilio Messages API emulator for the notification module's tests, answering as Twilio's API
// reference documents it (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource):
// POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded, HTTP Basic auth with the account
// SID and auth token; 201 with the Message resource, or Twilio's JSON error body
// ({code, message, more_info, status}) for what Twilio refuses:
//   401 20003  credentials missing or wrong        404 20404  an account other than the one authenticated
//   400 21604  no To                                400 21211  a To that is not a valid number (and the test
//   400 21603  neither From nor MessagingServiceSid            number +15005550001, as Twilio's test credentials)
//   400 21602  no Body                              400 21617  a Body over 1600 characters
// Status callbacks are sent as Twilio sends them: form-encoded, signed with X-Twilio-Signature (the
// base64 HMAC-SHA1, keyed with the auth token, of the StatusCallback URL and the sorted parameters).
// Test-only routes under /_emulator: the messages taken, failures and hangs on demand, and a
// message's status callback sent (to its StatusCallback or to another address, signed or tampered with).
//   PORT, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN come from the environment.
import http from 'node:http';
import { createHmac, randomBytes } from 'node:crypto';

const port = Number(process.env.PORT ?? 12113);
const accountSid = process.env.TWILIO_ACCOUNT_SID ?? 'AC00000000000000000000000000000000';
const authToken = process.env.TWILIO_AUTH_TOKEN ?? 'emulator_token';
const base = `http://127.0.0.1:${port}`;

const messages = new Map(); // sid -> { resource, params }
let requests = 0;
let failing = { count: 0, status: 500 };
let hanging = 0;
const withheld = []; // answers never given (hangs), ended when the emulator stops

const twilioErrors = {
  20003: 'Authenticate',
  20404: 'The requested resource was not found',
  20429: 'Too Many Requests',
  20500: 'An internal server error has occurred',
  20503: 'Service Unavailable',
};

function answer(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function twilioError(res, status, code, message, headers = {}) {
  answer(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);
}

// Twilio's code for a failure of the platform itself, by HTTP status.
function platformCode(status) {
  if (status === 429) return 20429;
  if (status === 503) return 20503;
  if (status === 401) return 20003;
  return 20500;
}

function signature(token, url, params) {
  const text = Object.keys(params).sort().reduce((acc, name) => acc + name + params[name], url);
  return createHmac('sha1', token).update(Buffer.from(text, 'utf8')).digest('base64');
}

function authenticated(req) {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return null;
  const plain = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = plain.indexOf(':');
  if (colon < 0) return null;
  return plain.slice(0, colon) === accountSid && plain.slice(colon + 1) === authToken ? accountSid : null;
}

const rfc2822 = (date) => date.toUTCString().replace('GMT', '+0000');

function createMessage(req, res, pathSid, body) {
  requests += 1;
  if (!authenticated(req)) return twilioError(res, 401, 20003, twilioErrors[20003], { 'WWW-Authenticate': 'Basic realm="Twilio API"' });
  if (pathSid !== accountSid) return twilioError(res, 404, 20404, `The requested resource /2010-04-01/Accounts/${pathSid}/Messages.json was not found`);
  if (failing.count > 0) {
    failing.count -= 1;
    const code = platformCode(failing.status);
    return twilioError(res, failing.status, code, twilioErrors[code]);
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    return twilioError(res, 400, 21604, "A 'To' phone number is required.");
  const form = new URLSearchParams(body);
  const p = Object.fromEntries(form.entries());
  if (!p.To) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
  if (!/^\+[1-9][0-9]{1,14}$/.test(p.To) || p.To === '+15005550001')
    return twilioError(res, 400, 21211, `The 'To' number ${p.To} is not a valid phone number.`);
  if (!p.From && !p.MessagingServiceSid) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
  if (!p.Body) return twilioError(res, 400, 21602, 'Message body is required.');
  if ([...p.Body].length > 1600) return twilioError(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
  if (p.StatusCallback) {
    try {
      new URL(p.StatusCallback);
    } catch {
      return twilioError(res, 400, 21609, 'The StatusCallback URL is not a valid URL.');
    }
  }
  const sid = `SM${randomBytes(16).toString('hex')}`;
  const now = rfc2822(new Date());
  const resource = {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: p.Body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: p.From ?? null,
    messaging_service_sid: p.MessagingServiceSid ?? null,
    num_media: '0',
    num_segments: String(Math.max(1, Math.ceil([...p.Body].length / 153))),
    price: null,
    price_unit: 'USD',
    sid,
    status: p.MessagingServiceSid ? 'accepted' : 'queued',
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
    to: p.To,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
  };
  messages.set(sid, { resource, params: p });
  if (hanging > 0) {
    // Taken, and the answer never comes: the caller cannot tell whether it was.
    hanging -= 1;
    withheld.push(res);
    return;
  }
  answer(res, 201, resource);
}

// The status callback Twilio sends for the message: to its StatusCallback, or to `deliver_to` (the
// address Agora listens at behind the public URL), signed for the StatusCallback URL with the auth
// token (or `sign_with`); `tamper` changes parameters after signing.
async function sendStatus(sid, p) {
  const held = messages.get(sid);
  if (!held) return [404, { error: `no message ${sid}` }];
  const callback = p.url ?? held.params.StatusCallback;
  if (!callback) return [409, { error: 'the message has no StatusCallback' }];
  held.resource.status = p.status;
  const params = {
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    From: held.resource.from ?? '+15005550006',
    MessageSid: sid,
    MessageStatus: p.status,
    SmsSid: sid,
    SmsStatus: p.status,
    To: held.resource.to,
  };
  if (held.resource.messaging_service_sid) params.MessagingServiceSid = held.resource.messaging_service_sid;
  if (p.error_code) params.ErrorCode = String(p.error_code);
  const signed = signature(p.sign_with ?? authToken, callback, params);
  Object.assign(params, p.tamper ?? {});
  const delivered = await fetch(p.deliver_to ?? callback, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
      'User-Agent': 'TwilioProxy/1.1',
      'I-Twilio-Idempotency-Token': randomBytes(16).toString('hex'),
      ...(p.unsigned ? {} : { 'X-Twilio-Signature': signed }),
    },
    body: new URLSearchParams(params).toString(),
  });
  return [200, { status: delivered.status, content_type: delivered.headers.get('content-type'), body: await delivered.text(), params, signature: signed }];
}

async function emulator(req, res, body) {
  const url = new URL(req.url, base);
  const p = body ? JSON.parse(body) : {};
  let m;
  if (req.method === 'GET' && url.pathname === '/_emulator/state')
    return answer(res, 200, { requests, messages: [...messages.values()].map((h) => ({ ...h.resource, params: h.params })) });
  if (req.method === 'POST' && url.pathname === '/_emulator/fail') {
    failing = { count: p.count ?? 1, status: p.status ?? 500 };
    return answer(res, 200, failing);
  }
  if (req.method === 'POST' && url.pathname === '/_emulator/hang') {
    hanging = p.count ?? 1;
    return answer(res, 200, { hanging });
  }
  if (req.method === 'POST' && (m = /^\/_emulator\/messages\/([^/]+)\/status$/.exec(url.pathname)))
    return answer(res, ...(await sendStatus(m[1], p)));
  return answer(res, 404, { error: `no route ${req.method} ${url.pathname}` });
}

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const url = new URL(req.url, base);
    const create = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
    const handle = url.pathname.startsWith('/_emulator')
      ? emulator(req, res, body)
      : req.method === 'POST' && create
        ? createMessage(req, res, create[1], body)
        : twilioError(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    Promise.resolve(handle).catch((e) => answer(res, 500, { code: 20500, message: `emulator: ${e.message}`, status: 500 }));
  });
});

server.listen(port, '127.0.0.1', () => console.log(`twilio emulator on ${base}`));
process.on('SIGTERM', () => {
  for (const res of withheld) res.destroy();
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
