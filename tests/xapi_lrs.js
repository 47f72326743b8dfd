// xapi_lrs.js — the xAPI tests' independent side, in node (Debian's nodejs):
//   node xapi_lrs.js validate FILE.json   every statement through the npm package xapi-validation
//                                         (Learning Locker's conformance-tested validator);
//                                         prints "KIND VERB" per statement, exit 1 on any problem
//   node xapi_lrs.js serve LOG            a learning record store on 127.0.0.1 (port printed first):
//                                         checks method, path, X-Experience-API-Version, the JSON
//                                         content type, basic auth (LRS_USER/LRS_PASSWORD) and
//                                         validates each statement; logs one JSON line per request
//                                         to LOG. /flaky/ answers 503 to its first request; /liar/
//                                         answers 200 with ids that were not sent.
// The validator is found through NODE_PATH (the test installs it into a temporary folder).
'use strict';
const fs = require('fs');
const http = require('http');
const validate = require('xapi-validation').default;

function problems(statements) {
  const out = [];
  if (!Array.isArray(statements)) return ['not an array'];
  statements.forEach((s, i) => {
    for (const w of validate(s)) out.push(`statement ${i}: ${JSON.stringify(w)}`);
  });
  return out;
}

function validateFile(file) {
  const statements = JSON.parse(fs.readFileSync(file, 'utf8'));
  const bad = problems(statements);
  for (const s of statements) {
    const kind = s.object.definition ? s.object.definition.type.split('/').pop() : '?';
    console.log(`${kind} ${s.verb.id.split('/').pop()}`);
  }
  for (const b of bad) console.error(b);
  console.log(`${statements.length} statements, ${bad.length} problems`);
  process.exit(bad.length ? 1 : 0);
}

function serve(log) {
  let flaky = 0;
  const want = 'Basic ' + Buffer.from(`${process.env.LRS_USER}:${process.env.LRS_PASSWORD}`).toString('base64');
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.url.startsWith('/flaky/')) flaky++;
      const entry = {
        method: req.method, path: req.url,
        version: req.headers['x-experience-api-version'] || null,
        json: /^application\/json/.test(req.headers['content-type'] || ''),
        auth: req.headers.authorization === want,
      };
      let statements = [];
      try { statements = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch (e) { entry.parse = String(e); }
      entry.count = Array.isArray(statements) ? statements.length : -1;
      entry.problems = problems(statements);
      entry.ids = Array.isArray(statements) ? statements.map((s) => s.id) : [];
      entry.verbs = Array.isArray(statements) ? statements.map((s) => s.verb && s.verb.id) : [];
      fs.appendFileSync(log, JSON.stringify(entry) + '\n');
      const send = (code, body) => { res.writeHead(code, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
      if (!entry.auth) return send(401, { error: 'bad auth' });
      if (req.method !== 'POST' || !/\/statements$/.test(req.url) || entry.version !== '1.0.3' || !entry.json)
        return send(400, { error: 'bad request' });
      if (entry.problems.length) return send(400, { error: entry.problems });
      if (req.url.startsWith('/flaky/') && flaky === 1) return send(503, { error: 'busy' });
      if (req.url.startsWith('/liar/')) return send(200, entry.ids.map(() => '00000000-0000-4000-8000-000000000000'));
      return send(200, entry.ids);
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
}

if (process.argv[2] === 'validate') validateFile(process.argv[3]);
else if (process.argv[2] === 'serve') serve(process.argv[3]);
else { console.error('usage: xapi_lrs.js validate FILE | serve LOG'); process.exit(2); }
