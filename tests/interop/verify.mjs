// Independent check of a credential with Digital Bazaar's stack (@digitalbazaar/vc +
// data-integrity + eddsa-rdfc-2022-cryptosuite), using only local JSON-LD contexts.
//
// Usage:  node verify.mjs [--contexts DIR] [--variant spec|validator] [--now ISO]
//                         [--no-issuer-binding] [--check-status] < input.json
// Input (stdin): a credential object, or {"credential": {...}, "keyDocuments": {"<controller id>": {...}}}
//   did:key verification methods are resolved locally; https:/did:web ones need keyDocuments.
// Output (stdout, one line): {"verified": true|false, "error": "<message>"|null}; exit code 0 when
//   verified, 1 when not, 2 on a usage error. Status (credentialStatus) is checked only with
//   --check-status: each BitstringStatusListEntry's status list credential is fetched over HTTP
//   from its URL, verified here like the credential (same issuer), and its bit read (W3C
//   Bitstring Status List: multibase base64url of the gzipped list, bit 0 the first byte's
//   highest); a set bit fails verification.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {fileURLToPath} from 'node:url';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const contextsDir = option('--contexts', process.env.OB3_CONTEXTS ||
  path.join(here, '..', '..', 'src', 'bitewise', 'engines', 'ob3', 'contexts'));
const variant = option('--variant', 'spec');
const now = option('--now', undefined);
// --no-issuer-binding: only require the key to be an assertionMethod of its controller (the W3C
// vectors' issuer is not the key's controller).
const purpose = args.includes('--no-issuer-binding') ?
  new jsigs.purposes.AssertionProofPurpose() : undefined;

const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
const index = JSON.parse(fs.readFileSync(path.join(contextsDir, 'index.json'), 'utf8'));
const contexts = new Map();
for(const [url, entry] of Object.entries(index)) {
  contexts.set(url, JSON.parse(fs.readFileSync(path.join(contextsDir, entry.file), 'utf8')));
}
if(variant === 'validator') {
  contexts.set('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', JSON.parse(
    fs.readFileSync(path.join(contextsDir, 'alt/ob-v3p0-context-3.0.3.validator-2026-06.json'), 'utf8')));
}

function didKeyDocument(did) {
  const key = did.slice('did:key:'.length);
  const id = `${did}#${key}`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', MULTIKEY_V1],
    id: did,
    verificationMethod: [{id, type: 'Multikey', controller: did, publicKeyMultibase: key}],
    assertionMethod: [id],
    authentication: [id]
  };
}

function makeLoader(keyDocuments) {
  return async url => {
    const [base, fragment] = url.split('#');
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(contexts.get(url))};
    }
    let controller = base.startsWith('did:key:') ? didKeyDocument(base) : keyDocuments[base];
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
    return {
      contextUrl: null, documentUrl: url,
      document: {'@context': MULTIKEY_V1, ...method}
    };
  };
}

let input;
try {
  input = JSON.parse(fs.readFileSync(0, 'utf8'));
} catch(e) {
  console.log(JSON.stringify({verified: false, error: `stdin is not JSON: ${e.message}`}));
  process.exit(2);
}
const credential = input.credential ?? input;
const keyDocuments = input.keyDocuments ?? {};

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
const documentLoader = makeLoader(keyDocuments);

function bitAt(encodedList, index) {
  if(!encodedList.startsWith('u')) {
    throw new Error('encodedList is not multibase base64url');
  }
  const list = zlib.gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  if(index >= list.length * 8) {
    throw new Error(`statusListIndex ${index} is beyond the list`);
  }
  return (list[Math.floor(index / 8)] >> (7 - (index % 8))) & 1;
}

async function checkStatusOverHttp({credential}) {
  const entries = [credential.credentialStatus ?? []].flat();
  for(const entry of entries) {
    if(entry.type !== 'BitstringStatusListEntry') {
      return {verified: false, error: new Error(`status type ${entry.type} not supported`)};
    }
    const response = await fetch(entry.statusListCredential);
    if(!response.ok) {
      return {verified: false, error: new Error(`status list answered ${response.status}`)};
    }
    const list = await response.json();
    const checked = await vc.verifyCredential({
      credential: list, suite, documentLoader, checkStatus: async () => ({verified: true}),
      ...(now ? {now} : {})
    });
    if(!checked.verified) {
      const why = checked.error ?? checked.results?.find(r => r.error)?.error;
      return {verified: false, error: new Error(
        `the status list credential does not verify: ${why?.message ?? why}`)};
    }
    const issuerOf = c => (typeof c.issuer === 'string' ? c.issuer : c.issuer?.id);
    if(issuerOf(list) !== issuerOf(credential)) {
      return {verified: false, error: new Error('the status list has another issuer')};
    }
    if(list.credentialSubject?.statusPurpose !== entry.statusPurpose) {
      return {verified: false, error: new Error('the status list is for another purpose')};
    }
    if(bitAt(list.credentialSubject.encodedList, Number(entry.statusListIndex))) {
      return {verified: false, error: new Error(`status: ${entry.statusPurpose}`)};
    }
  }
  return {verified: true};
}

const result = await vc.verifyCredential({
  credential,
  suite,
  documentLoader,
  checkStatus: args.includes('--check-status') ? checkStatusOverHttp : async () => ({verified: true}),
  ...(purpose ? {purpose} : {}),
  ...(now ? {now} : {})
});
const firstError = result.error ?? result.statusResult?.error ??
  result.results?.find(r => r.error)?.error;
const describe = e => {
  if(!e) return null;
  if(e.errors) return e.errors.map(describe).join('; ');
  return e.message || String(e);
};
console.log(JSON.stringify({verified: !!result.verified, error: result.verified ? null : describe(firstError)}));
process.exit(result.verified ? 0 : 1);
