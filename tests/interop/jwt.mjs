// Independent check of a VC-JWT with panva's jose: the header kid is looked up (1) in the
// issuer's JWK Set and (2) among the JsonWebKey verification methods of its DID document.
// Input (stdin): {"token": "...", "jwks": {...}, "didDocument": {...}}
// Output (stdout, one line): {"viaJwks": bool, "viaDid": bool, "header", "payload", "error"}.
import fs from 'node:fs';
import {compactVerify, createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify} from 'jose';

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const algorithms = ['RS256', 'EdDSA'];
const out = {viaJwks: false, viaDid: false, header: null, payload: null, error: null};
try {
  out.header = decodeProtectedHeader(input.token);
  const {payload} = await jwtVerify(input.token, createLocalJWKSet(input.jwks), {algorithms});
  out.payload = payload;
  out.viaJwks = true;
} catch(e) {
  out.error = `jwks: ${e.code || ''} ${e.message}`;
}
try {
  const method = (input.didDocument.verificationMethod || []).find(m => m.id === out.header?.kid);
  if(!method || method.type !== 'JsonWebKey' || !method.publicKeyJwk) {
    throw new Error(`kid ${out.header?.kid} is not a JsonWebKey method of ${input.didDocument.id}`);
  }
  if(!(input.didDocument.assertionMethod || []).includes(method.id)) {
    throw new Error('the key is not an assertionMethod');
  }
  const key = await importJWK(method.publicKeyJwk, out.header.alg);
  await compactVerify(input.token, key, {algorithms});
  out.viaDid = true;
} catch(e) {
  out.error = (out.error ? out.error + '; ' : '') + `did: ${e.code || ''} ${e.message}`;
}
console.log(JSON.stringify(out));
