// A wallet, built from Digital Bazaar's libraries, claiming a credential through a VC-API
// exchange with DID Authentication (as the Learner Credential Wallet does):
//   1. POST {} to the exchange URL -> a Verifiable Presentation Request (DIDAuthentication);
//   2. make a did:key (@digitalbazaar/ed25519-multikey) and sign a presentation with the
//      request's challenge and domain (@digitalbazaar/vc signPresentation, eddsa-rdfc-2022);
//   3. POST it; check the credential it gets back with @digitalbazaar/vc verifyCredential,
//      using the issuer's DID document fetched from --did-document.
// With --suite ed25519-2020 the presentation is a VC 1.1 one signed with Ed25519Signature2020
// (@digitalbazaar/ed25519-signature-2020), as the Learner Credential Wallet signs it.
// Usage: node wallet.mjs EXCHANGE_URL --did-document URL [--mode honest|wrong-challenge|
//        wrong-domain|tampered|skip-request] [--suite eddsa-rdfc-2022|ed25519-2020]
// Output (stdout, one line): {"did", "requestStatus", "status", "body", "verified", "error"}.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from '@digitalbazaar/ed25519-verification-key-2020';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const exchangeUrl = args[0];
const mode = option('--mode', 'honest');
const suiteName = option('--suite', 'eddsa-rdfc-2022');
const didDocumentUrl = option('--did-document');

const contextsDir = path.join(here, '..', '..', 'src', 'bitewise', 'engines', 'ob3', 'contexts');
const index = JSON.parse(fs.readFileSync(path.join(contextsDir, 'index.json'), 'utf8'));
const contexts = new Map();
for(const [url, entry] of Object.entries(index)) {
  contexts.set(url, JSON.parse(fs.readFileSync(path.join(contextsDir, entry.file), 'utf8')));
}
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

function loaderWith(controllers) {
  return async url => {
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(contexts.get(url))};
    }
    const [base] = url.split('#');
    const controller = controllers[base];
    if(!controller) {
      throw new Error(`no document for ${url}`);
    }
    if(!url.includes('#')) {
      return {contextUrl: null, documentUrl: url, document: controller};
    }
    const method = controller.verificationMethod.find(m => m.id === url);
    if(!method) {
      throw new Error(`${url} is not in its controller document`);
    }
    return {contextUrl: null, documentUrl: url, document: {'@context': MULTIKEY_V1, ...method}};
  };
}

async function post(body) {
  const response = await fetch(exchangeUrl, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Accept: 'application/json'},
    body: JSON.stringify(body)
  });
  return {status: response.status, body: await response.json()};
}

const legacy = suiteName === 'ed25519-2020';
const keyPair = legacy ? await Ed25519VerificationKey2020.generate() : await Ed25519Multikey.generate();
const did = `did:key:${keyPair.publicKeyMultibase}`;
keyPair.controller = did;
keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;

let requestStatus = null;
let request = {challenge: 'never-asked', domain: 'never-asked'};
if(mode !== 'skip-request') {
  const asked = await post({});
  requestStatus = asked.status;
  if(asked.status !== 200) {
    console.log(JSON.stringify({did, requestStatus, status: null, body: asked.body, verified: false, error: null}));
    process.exit(0);
  }
  request = asked.body.verifiablePresentationRequest;
}

const presentation = vc.createPresentation({holder: did, version: legacy ? 1.0 : 2.0});
const suite = legacy ?
  new Ed25519Signature2020({key: keyPair}) :
  new DataIntegrityProof({signer: keyPair.signer(), cryptosuite});
const signed = await vc.signPresentation({
  presentation,
  suite,
  challenge: mode === 'wrong-challenge' ? request.challenge + '-not' : request.challenge,
  domain: mode === 'wrong-domain' ? 'evil.example' : request.domain,
  documentLoader: loaderWith({})
});
if(mode === 'tampered') {
  signed.id = 'urn:uuid:6a1f8e0c-0d3c-4b8a-9b6e-2d1c0f9e8a7b';
}
const answer = await post({verifiablePresentation: signed});
let verified = false;
let error = null;
const credential = answer.body?.verifiablePresentation?.verifiableCredential?.[0];
if(answer.status === 200 && credential) {
  const didDocument = await (await fetch(didDocumentUrl)).json();
  const result = await vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({cryptosuite}),
    documentLoader: loaderWith({[didDocument.id]: didDocument}),
    checkStatus: async () => ({verified: true})
  });
  verified = !!result.verified;
  if(!verified) {
    const first = result.error ?? result.results?.find(r => r.error)?.error;
    error = first?.errors ? first.errors.map(e => e.message).join('; ') : first?.message ?? String(first);
  }
}
console.log(JSON.stringify({did, requestStatus, status: answer.status, body: answer.body, verified, error, sent: signed}));
