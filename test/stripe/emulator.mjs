// A Stripe API emulator for the payment module's tests: PaymentIntents with manual capture (made, read
// and searched by metadata), their capture and cancel, and refunds, answered as Stripe's API reference documents them, with Stripe's
// idempotency (https://docs.stripe.com/idempotency) and its test cards:
//   pm_card_visa, tok_visa                          authorizes (requires_capture)
//   pm_card_chargeDeclined, tok_chargeDeclined      402 card_declined (decline_code generic_decline)
//   pm_card_chargeDeclinedInsufficientFunds         402 card_declined (decline_code insufficient_funds)
//   pm_card_authenticationRequired,
//   pm_card_threeDSecure2Required                   requires_action (3-D Secure)
// Each change records the event Stripe would send; tests send them, signed by Stripe's own library.
// Test-only routes under /_emulator: counts, failures and hangs on demand, 3-D Secure completed.
//   PORT, STRIPE_SECRET_KEY, STRIPE_API_VERSION, STRIPE_WEBHOOK_SECRET come from the environment.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

const port = Number(process.env.PORT ?? 12111);
const secretKey = process.env.STRIPE_SECRET_KEY ?? 'sk_test_emulator';
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_emulator';
const stripe = new Stripe(secretKey); // only its webhook signing is used
// The version this release of Stripe's library is pinned to, unless the test names another.
const apiVersion = process.env.STRIPE_API_VERSION ?? stripe.getApiField('version');

const cards = {
  pm_card_visa: 'authorizes',
  tok_visa: 'authorizes',
  pm_card_mastercard: 'authorizes',
  pm_card_chargeDeclined: ['generic_decline', 'Your card was declined.'],
  tok_chargeDeclined: ['generic_decline', 'Your card was declined.'],
  pm_card_chargeDeclinedInsufficientFunds: ['insufficient_funds', 'Your card has insufficient funds.'],
  tok_chargeDeclinedInsufficientFunds: ['insufficient_funds', 'Your card has insufficient funds.'],
  pm_card_authenticationRequired: 'authenticates',
  pm_card_threeDSecure2Required: 'authenticates',
  tok_threeDSecure2Required: 'authenticates',
};

const intents = new Map();
const charges = new Map();
const events = [];
const stored = new Map(); // Idempotency-Key -> { fingerprint, status, body }
const requestsByKey = {};
const totals = newCounts();
const byOrder = {};
let failing = { count: 0, status: 500 };
let hanging = 0;
const held = []; // answers withheld (hangs), ended when the emulator stops

function newCounts() {
  return { intents_created: 0, authorized: 0, captured: 0, cancelled: 0, refunded: 0, amount_captured: 0, amount_refunded: 0 };
}

function count(intent, what, amount) {
  const order = intent.metadata.order_id ?? '';
  byOrder[order] ??= newCounts();
  for (const c of [totals, byOrder[order]]) {
    c[what] += 1;
    if (what === 'captured') c.amount_captured += amount;
    if (what === 'refunded') c.amount_refunded += amount;
  }
}

const id = (prefix) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);
const copy = (o) => JSON.parse(JSON.stringify(o));

function record(type, object, idempotencyKey) {
  events.push({
    id: id('evt'),
    object: 'event',
    api_version: apiVersion,
    created: now(),
    data: { object: copy(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: id('req'), idempotency_key: idempotencyKey ?? null },
    type,
  });
}

class StripeError {
  constructor(status, error) {
    this.status = status;
    this.error = error;
  }
}

const invalid = (message, extra = {}) => new StripeError(400, { type: 'invalid_request_error', message, ...extra });
const missing = (what, value, param) =>
  new StripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${what}: '${value}'` });
const unexpectedState = (intent, action, allowed) =>
  invalid(
    `This PaymentIntent could not be ${action} because it has a status of ${intent.status}. ` +
      `Only a PaymentIntent with one of the following statuses may be ${action}: ${allowed.join(', ')}.`,
    { code: 'payment_intent_unexpected_state', payment_intent: copy(intent) },
  );

// Form fields with brackets (metadata[order_id]) as nested objects, as Stripe reads them.
function readForm(body) {
  const out = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const match = /^([^[]+)\[([^\]]+)\]$/.exec(name);
    if (match) (out[match[1]] ??= {})[match[2]] = value;
    else out[name] = value;
  }
  return out;
}

function positiveInteger(text, param) {
  if (!/^[1-9][0-9]*$/.test(text ?? '')) throw invalid(`Invalid positive integer`, { code: 'parameter_invalid_integer', param });
  return Number(text);
}

function intentOf(intentId) {
  const intent = intents.get(intentId);
  if (!intent) throw missing('payment_intent', intentId, 'intent');
  return intent;
}

function newCharge(intent) {
  const charge = {
    id: id('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: 0,
    amount_refunded: 0,
    captured: false,
    currency: intent.currency,
    metadata: { ...intent.metadata },
    paid: true,
    payment_intent: intent.id,
    payment_method: intent.payment_method,
    refunded: false,
    status: 'succeeded',
  };
  charges.set(charge.id, charge);
  intent.latest_charge = charge.id;
  return charge;
}

function authorized(intent, key) {
  intent.status = 'requires_capture';
  intent.amount_capturable = intent.amount;
  intent.next_action = null;
  newCharge(intent);
  count(intent, 'authorized');
  record('payment_intent.amount_capturable_updated', intent, key);
}

function createIntent(p, key) {
  const amount = positiveInteger(p.amount, 'amount');
  if (!/^[a-z]{3}$/.test(p.currency ?? ''))
    throw invalid(`Invalid currency: ${p.currency}. Stripe currencies are lower-case ISO 4217 codes.`, { param: 'currency' });
  if (p.capture_method !== 'manual' || p.confirm !== 'true')
    throw invalid('The emulator makes PaymentIntents with capture_method=manual and confirm=true only.');
  const noRedirects = p.automatic_payment_methods?.enabled === 'true' && p.automatic_payment_methods?.allow_redirects === 'never';
  if (!p.return_url && !noRedirects)
    throw invalid(
      'This PaymentIntent is configured to accept payment methods enabled in your Dashboard, because some of these ' +
        'payment methods might redirect your customer off of your page, you must provide a `return_url`. If you ' +
        "don't want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and " +
        '`automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.',
    );
  const card = cards[p.payment_method];
  if (!card) throw missing('PaymentMethod', p.payment_method, 'payment_method');
  const intent = {
    id: id('pi'),
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_received: 0,
    cancellation_reason: null,
    capture_method: 'manual',
    created: now(),
    currency: p.currency,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: p.metadata ?? {},
    next_action: null,
    payment_method: p.payment_method,
    status: 'requires_payment_method',
  };
  intents.set(intent.id, intent);
  totals.intents_created += 1;
  record('payment_intent.created', intent, key);
  if (card === 'authorizes') {
    authorized(intent, key);
  } else if (card === 'authenticates') {
    intent.status = 'requires_action';
    intent.next_action = p.return_url
      ? { type: 'redirect_to_url', redirect_to_url: { url: `http://127.0.0.1:${port}/_emulator/3ds/${intent.id}`, return_url: p.return_url } }
      : { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } };
    record('payment_intent.requires_action', intent, key);
  } else {
    const [declineCode, message] = card;
    const charge = newCharge(intent);
    charge.status = 'failed';
    charge.paid = false;
    const error = { type: 'card_error', code: 'card_declined', decline_code: declineCode, message, charge: charge.id };
    intent.last_payment_error = { ...error, payment_method: { id: p.payment_method } };
    record('payment_intent.payment_failed', intent, key);
    throw new StripeError(402, { ...error, payment_intent: copy(intent) });
  }
  return intent;
}

function capture(intent, p, key) {
  if (intent.status !== 'requires_capture') throw unexpectedState(intent, 'captured', ['requires_capture']);
  const amount = p.amount_to_capture === undefined ? intent.amount_capturable : positiveInteger(p.amount_to_capture, 'amount_to_capture');
  if (amount > intent.amount_capturable)
    throw invalid('The amount to capture is greater than the amount capturable.', { code: 'amount_too_large', param: 'amount_to_capture' });
  intent.status = 'succeeded';
  intent.amount_received = amount;
  intent.amount_capturable = 0;
  Object.assign(charges.get(intent.latest_charge), { captured: true, amount_captured: amount });
  count(intent, 'captured', amount);
  record('payment_intent.succeeded', intent, key);
  return intent;
}

function cancel(intent, key) {
  const cancellable = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
  if (!cancellable.includes(intent.status)) throw unexpectedState(intent, 'canceled', cancellable);
  const wasHeld = intent.status === 'requires_capture';
  intent.status = 'canceled';
  intent.cancellation_reason = 'requested_by_customer';
  intent.amount_capturable = 0;
  intent.next_action = null;
  count(intent, 'cancelled');
  record('payment_intent.canceled', intent, key);
  if (wasHeld) {
    // Stripe releases the uncaptured charge by refunding it in full.
    const charge = Object.assign(charges.get(intent.latest_charge), { refunded: true, amount_refunded: intent.amount });
    record('charge.refunded', charge, key);
  }
  return intent;
}

function refund(p, key) {
  if (!p.payment_intent) throw invalid('Missing required param: payment_intent.', { code: 'parameter_missing', param: 'payment_intent' });
  const intent = intentOf(p.payment_intent);
  if (intent.status !== 'succeeded')
    throw invalid(`This PaymentIntent does not have a successful charge to refund.`, { code: 'charge_not_captured' });
  const charge = charges.get(intent.latest_charge);
  const left = charge.amount_captured - charge.amount_refunded;
  const amount = p.amount === undefined ? left : positiveInteger(p.amount, 'amount');
  if (amount > left)
    throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, { code: 'amount_too_large', param: 'amount' });
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  const made = { id: id('re'), object: 'refund', amount, charge: charge.id, currency: intent.currency, payment_intent: intent.id, status: 'succeeded', created: now() };
  count(intent, 'refunded', amount);
  record('charge.refunded', charge, key);
  return made;
}

// GET /v1/payment_intents/search (https://docs.stripe.com/api/payment_intents/search): the emulator reads
// the query language's metadata clauses (metadata['key']:'value', joined by AND) and answers a
// search_result page of `limit` (1 to 100, 10 by default) newest first, `page` being the previous
// page's next_page. Stripe's search lags behind its writes; the emulator's does not.
function search(p) {
  if (!p.query) throw invalid('Missing required param: query.', { code: 'parameter_missing', param: 'query' });
  const clauses = p.query.split(/\s+AND\s+/).map((clause) => /^metadata\['([^']+)'\]:'((?:[^'\\]|\\.)*)'$/.exec(clause.trim()));
  if (clauses.some((c) => !c))
    throw invalid(`The emulator searches metadata['key']:'value' clauses only: ${p.query}`, { code: 'parameter_invalid_string', param: 'query' });
  const limit = p.limit === undefined ? 10 : Number(p.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw invalid('Invalid limit: must be between 1 and 100', { code: 'parameter_invalid_integer', param: 'limit' });
  const offset = p.page === undefined ? 0 : Number(Buffer.from(p.page, 'base64url').toString());
  if (!Number.isInteger(offset) || offset < 0) throw invalid('Invalid page', { param: 'page' });
  const matching = [...intents.values()]
    .filter((intent) => clauses.every(([, name, value]) => intent.metadata[name] === value.replace(/\\(.)/g, '$1')))
    .reverse();
  const has_more = matching.length > offset + limit;
  return {
    object: 'search_result',
    url: '/v1/payment_intents/search',
    has_more,
    data: matching.slice(offset, offset + limit),
    next_page: has_more ? Buffer.from(String(offset + limit)).toString('base64url') : null,
  };
}

function route(method, path, p, key) {
  let m;
  if (method === 'POST' && path === '/v1/payment_intents') return createIntent(p, key);
  if (method === 'GET' && path === '/v1/payment_intents/search') return search(p);
  if (method === 'GET' && (m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) return intentOf(m[1]);
  if (method === 'POST' && (m = /^\/v1\/payment_intents\/([^/]+)\/capture$/.exec(path))) return capture(intentOf(m[1]), p, key);
  if (method === 'POST' && (m = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path))) return cancel(intentOf(m[1]), key);
  if (method === 'POST' && path === '/v1/refunds') return refund(p, key);
  throw new StripeError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` });
}

function answer(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': id('req'), ...headers });
  res.end(JSON.stringify(body, null, 2));
}

// The API as Stripe answers it: failures on demand first (as an outage before Stripe's servers,
// nothing done and nothing saved), then the key, the version, the idempotency layer and the endpoint.
function api(req, res, body) {
  const key = req.headers['idempotency-key'];
  if (key) requestsByKey[key] = (requestsByKey[key] ?? 0) + 1;
  if (failing.count > 0) {
    failing.count -= 1;
    return answer(res, failing.status, { error: { type: 'api_error', message: 'An unknown error occurred (emulated).' } });
  }
  if (req.headers.authorization !== `Bearer ${secretKey}`)
    return answer(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } });
  if (req.headers['stripe-version'] !== apiVersion)
    return answer(res, 400, { error: { type: 'invalid_request_error', message: `Invalid Stripe API version: ${req.headers['stripe-version']}` } });
  if (req.method === 'POST' && !(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    return answer(res, 400, { error: { type: 'invalid_request_error', message: 'Stripe reads form-encoded bodies.' } });
  const url = new URL(req.url, 'http://emulator');
  const path = url.pathname;
  const fingerprint = `${req.method} ${path} ${[...new URLSearchParams(body)].map(([k, v]) => `${k}=${v}`).sort().join('&')}`;
  const send = (status, payload, headers) => {
    if (hanging > 0) {
      hanging -= 1;
      held.push(res); // done and saved, but the caller never hears of it
      return;
    }
    answer(res, status, payload, headers);
  };
  if (key && stored.has(key)) {
    const first = stored.get(key);
    if (first.fingerprint !== fingerprint)
      return answer(res, 400, {
        error: {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        },
      });
    return send(first.status, first.body, { 'Idempotent-Replayed': 'true' });
  }
  let status = 200;
  let payload;
  try {
    payload = route(req.method, path, req.method === 'GET' ? Object.fromEntries(url.searchParams) : readForm(body), key);
  } catch (e) {
    if (!(e instanceof StripeError)) throw e;
    [status, payload] = [e.status, { error: e.error }];
  }
  if (key && req.method === 'POST') stored.set(key, { fingerprint, status, body: copy(payload) });
  send(status, payload);
}

// The event signed as Stripe signs a delivery (now, unless a test names another time or secret),
// sent to `url` when one is given.
async function sendEvent(eventId, { url, secret, timestamp }) {
  const event = events.find((e) => e.id === eventId);
  if (!event) return [404, { error: `no event ${eventId}` }];
  const payload = JSON.stringify(event, null, 2);
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: secret ?? webhookSecret, timestamp: timestamp ?? now() });
  const out = { id: event.id, payload, signature };
  if (url) {
    const delivered = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': signature, 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
      body: payload,
    });
    out.delivery = { status: delivered.status, body: await delivered.text() };
  }
  return [200, out];
}

async function emulator(req, res, body) {
  const url = new URL(req.url, 'http://emulator');
  const p = body ? JSON.parse(body) : {};
  let m;
  if (req.method === 'GET' && url.pathname === '/_emulator/state')
    return answer(res, 200, { counts: totals, orders: byOrder, requests_by_key: requestsByKey });
  if (req.method === 'POST' && url.pathname === '/_emulator/fail') {
    failing = { count: p.count ?? 1, status: p.status ?? 500 };
    return answer(res, 200, failing);
  }
  if (req.method === 'POST' && url.pathname === '/_emulator/hang') {
    hanging = p.count ?? 1;
    return answer(res, 200, { hanging });
  }
  if (req.method === 'GET' && url.pathname === '/_emulator/events') {
    const type = url.searchParams.get('type');
    const object = url.searchParams.get('object');
    // `object` names an intent (a charge's events name theirs) or the order in its metadata.
    const about = (o) => o.id === object || o.payment_intent === object || o.metadata?.order_id === object;
    const found = events.filter((e) => (!type || e.type === type) && (!object || about(e.data.object)));
    return answer(res, 200, { data: found.map((e) => ({ id: e.id, type: e.type, object: e.data.object.id })) });
  }
  if (req.method === 'POST' && (m = /^\/_emulator\/events\/([^/]+)\/send$/.exec(url.pathname)))
    return answer(res, ...(await sendEvent(m[1], p)));
  if (req.method === 'POST' && (m = /^\/_emulator\/intents\/([^/]+)\/authenticate$/.exec(url.pathname))) {
    // The buyer at the 3-D Secure page: passes (the amount is held) or fails.
    const intent = intents.get(m[1]);
    if (!intent || intent.status !== 'requires_action') return answer(res, 409, { error: 'not waiting for authentication' });
    if (p.passes === false) {
      intent.status = 'requires_payment_method';
      intent.next_action = null;
      intent.last_payment_error = {
        type: 'invalid_request_error',
        code: 'payment_intent_authentication_failure',
        message: 'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      };
      record('payment_intent.payment_failed', intent);
    } else {
      authorized(intent);
    }
    return answer(res, 200, intent);
  }
  if (req.method === 'GET' && (m = /^\/_emulator\/3ds\/([^/]+)$/.exec(url.pathname)))
    return answer(res, 200, { authenticating: m[1] });
  return answer(res, 404, { error: `no route ${req.method} ${url.pathname}` });
}

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const handle = req.url.startsWith('/_emulator') ? emulator(req, res, body) : api(req, res, body);
    Promise.resolve(handle).catch((e) => answer(res, 500, { error: { type: 'api_error', message: `emulator: ${e.message}` } }));
  });
});

server.listen(port, '127.0.0.1', () => console.log(`stripe emulator on http://127.0.0.1:${port} (API ${apiVersion})`));
process.on('SIGTERM', () => {
  for (const res of held) res.destroy();
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
