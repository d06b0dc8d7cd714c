// Signing and verifying throughput of Digital Bazaar's JavaScript stack (@digitalbazaar/vc,
// data-integrity, eddsa-rdfc-2022-cryptosuite, ed25519-multikey), driven by
// benchmarks/credentials_bench.py, which hands it the same unsigned OpenBadgeCredential that our
// Python engine signs.
//
// The packages are NOT installed here: they are resolved from tests/interop/node_modules (the
// versions pinned in tests/interop/package.json; `cd tests/interop && npm ci`), or from the
// directory in BITEWISE_INTEROP_DIR. Contexts come from src/bitewise/engines/ob3/contexts (or
// OB3_CONTEXTS), loaded locally as tests/interop/verify.mjs does; nothing touches the network.
//
// Usage: node credentials_bench.mjs < spec.json
// spec: {"mode": "bench", "credential": {...unsigned...}, "created": ISO, "controller": DID,
//        "warmup": N, "count": N}
//   -> one JSON line: per-operation timings and ops/s for issue (sign) and verify
// spec: {"mode": "cross", "credential": {...unsigned...}, "created": ISO, "controller": DID,
//        "foreign": {...signed by the other side...}, "foreignKeyDocument": {...}}
//   -> one JSON line: {"signed": {...}, "keyDocument": {...}, "selfVerified": bool,
//      "foreignVerified": bool, "foreignError": string|null}
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {performance, PerformanceObserver} from 'node:perf_hooks';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const interopDir = process.env.BITEWISE_INTEROP_DIR || path.join(root, 'tests', 'interop');
const contextsDir = process.env.OB3_CONTEXTS ||
  path.join(root, 'src', 'bitewise', 'engines', 'ob3', 'contexts');

// Bare ESM imports ignore NODE_PATH: resolve each package from the interop directory instead.
const requireFromInterop = createRequire(path.join(interopDir, 'package.json'));
const load = name => import(pathToFileURL(requireFromInterop.resolve(name)).href);
const packageVersion = name => JSON.parse(fs.readFileSync(
  path.join(interopDir, 'node_modules', name, 'package.json'), 'utf8')).version;

const vc = await load('@digitalbazaar/vc');
const {DataIntegrityProof} = await load('@digitalbazaar/data-integrity');
const {cryptosuite} = await load('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
const Ed25519Multikey = await load('@digitalbazaar/ed25519-multikey');

const DID_V1 = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
const index = JSON.parse(fs.readFileSync(path.join(contextsDir, 'index.json'), 'utf8'));
const contexts = new Map();
for(const [url, entry] of Object.entries(index)) {
  contexts.set(url, JSON.parse(fs.readFileSync(path.join(contextsDir, entry.file), 'utf8')));
}

function makeLoader(keyDocuments) {
  return async url => {
    const [base, fragment] = url.split('#');
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(contexts.get(url))};
    }
    const controller = keyDocuments[base];
    if(!controller) {
      throw new Error(`no local document for ${url}`);
    }
    if(fragment === undefined) {
      return {contextUrl: null, documentUrl: url, document: controller};
    }
    const method = (controller.verificationMethod || []).find(m => m.id === url);
    if(!method) {
      throw new Error(`verification method ${url} not in its controller document`);
    }
    return {contextUrl: null, documentUrl: url, document: {'@context': MULTIKEY_V1, ...method}};
  };
}

async function newKey(controller) {
  const key = await Ed25519Multikey.generate({controller});
  const method = await key.export({publicKey: true, includeContext: false});
  const keyDocument = {
    '@context': [DID_V1, MULTIKEY_V1],
    id: controller,
    verificationMethod: [{...method, type: 'Multikey', controller}],
    assertionMethod: [key.id]
  };
  return {key, keyDocument};
}

async function issue(credential, key, created, documentLoader) {
  const suite = new DataIntegrityProof({signer: key.signer(), date: created, cryptosuite});
  return vc.issue({credential: structuredClone(credential), suite, documentLoader});
}

async function verify(credential, documentLoader) {
  const suite = new DataIntegrityProof({cryptosuite});
  const result = await vc.verifyCredential({
    credential, suite, documentLoader, checkStatus: async () => ({verified: true})
  });
  const describe = e => {
    if(!e) return null;
    if(e.errors) return e.errors.map(describe).join('; ');
    return e.message || String(e);
  };
  const error = result.error ?? result.results?.find(r => r.error)?.error;
  return {verified: !!result.verified, error: result.verified ? null : describe(error)};
}

// Garbage-collection pauses, to tell how much of a timed loop V8's collector took.
const gcPauses = [];
new PerformanceObserver(list => {
  for(const entry of list.getEntries()) {
    gcPauses.push({start: entry.startTime, duration: entry.duration});
  }
}).observe({entryTypes: ['gc']});
const gcWithin = (from, to) => gcPauses
  .filter(p => p.start >= from && p.start < to)
  .reduce((sum, p) => sum + p.duration, 0);

async function timed(count, operation) {
  const samples = [];
  const windowStart = performance.now();
  const start = process.hrtime.bigint();
  for(let i = 0; i < count; i++) {
    const begin = process.hrtime.bigint();
    await operation();
    samples.push(Number(process.hrtime.bigint() - begin) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const windowEnd = performance.now();
  samples.sort((a, b) => a - b);
  return {
    window: [windowStart, windowEnd],
    count, seconds, opsPerSecond: count / seconds,
    p50Ms: samples[Math.floor(count / 2)], p95Ms: samples[Math.floor(count * 0.95)]
  };
}

const spec = JSON.parse(fs.readFileSync(0, 'utf8'));
const {key, keyDocument} = await newKey(spec.controller);
const loader = makeLoader({[spec.controller]: keyDocument});

if(spec.mode === 'cross') {
  const signed = await issue(spec.credential, key, spec.created, loader);
  const self = await verify(signed, loader);
  const foreign = await verify(
    spec.foreign, makeLoader({[spec.controller]: spec.foreignKeyDocument}));
  console.log(JSON.stringify({
    signed, keyDocument, selfVerified: self.verified, selfError: self.error,
    foreignVerified: foreign.verified, foreignError: foreign.error
  }));
} else {
  // Warm-up: JIT, the context cache of jsonld.js, the signer.
  let signed;
  for(let i = 0; i < spec.warmup; i++) {
    signed = await issue(spec.credential, key, spec.created, loader);
    const result = await verify(signed, loader);
    if(!result.verified) {
      throw new Error(`our own signature does not verify: ${result.error}`);
    }
  }
  const sign = await timed(spec.count, async () => {
    signed = await issue(spec.credential, key, spec.created, loader);
  });
  let failures = 0;
  const check = await timed(spec.count, async () => {
    if(!(await verify(signed, loader)).verified) {
      failures++;
    }
  });
  // Let the observer deliver the last entries, then charge each loop its pauses.
  await new Promise(resolve => setTimeout(resolve, 100));
  for(const loop of [sign, check]) {
    loop.gcSeconds = gcWithin(...loop.window) / 1000;
    delete loop.window;
  }
  console.log(JSON.stringify({
    sign, verify: check, verifyFailures: failures, node: process.version,
    packages: Object.fromEntries([
      '@digitalbazaar/vc', '@digitalbazaar/data-integrity',
      '@digitalbazaar/eddsa-rdfc-2022-cryptosuite', '@digitalbazaar/ed25519-multikey',
      'jsonld-signatures', 'jsonld', 'rdf-canonize'
    ].map(name => [name, packageVersion(name)]))
  }));
}
