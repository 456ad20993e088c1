// Real web servers for the hosting recipes (hosting/ at the repository root,
// shipped in the release zip's carestep-<version>/hosting/): nginx, Apache and
// Caddy, each started by the test on a free port of 127.0.0.1 with a main
// configuration generated here that INCLUDES THE SHIPPED RECIPE FILE UNCHANGED
// (nginx `include`, Apache `.htaccess` or `Include`, Caddy `import`).
//
// Nothing here touches a system service: every server runs in the foreground
// as a child of the test, with its own configuration, pid file, logs and
// temporary files in a fresh temporary folder, listening only on 127.0.0.1 on
// a port the kernel just gave out. No server's own default configuration
// (/etc/nginx/nginx.conf, /etc/apache2/apache2.conf, /etc/caddy/Caddyfile) is
// read; only the systems' lists of file types are (/etc/nginx/mime.types and
// /etc/mime.types), as a clinic's server would.
//
//   const site = await makeSite(release);              // document root: the folder + a host page
//   const server = await startServer('nginx', site);   // or 'apache2', 'caddy', 'apache2-site'
//   … server.url + site.hostPage …
//   server.requests()                                   // the server's own access log, parsed
//   await server.close();
//
// `startServer('nginx', site, { without: 'Access-Control-Allow-Origin' })`
// serves the nginx recipe with one named header removed (for a test that the
// set-up page's "Check my hosting" names what is missing); `without:
// 'Content-Type'` removes the recipe's .wasm type and the .wasm line of the
// server's type list, as on a server too old to know WebAssembly.
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES_DIR, sri } from './server.js';

export const BINARIES = {
  nginx: '/usr/sbin/nginx',
  apache2: '/usr/sbin/apache2',
  caddy: '/usr/bin/caddy',
};
const APACHE_MODULES = '/usr/lib/apache2/modules';

/** The recipe file each server kind uses, relative to the folder's hosting/. */
export const RECIPE = {
  nginx: 'nginx.conf',
  apache2: 'apache.htaccess',
  'apache2-site': 'apache-site.conf',
  caddy: 'Caddyfile',
};

/** Binary of a server kind ('apache2-site' is Apache with apache-site.conf instead of .htaccess). */
function binaryOf(kind) {
  const binary = BINARIES[kind === 'apache2-site' ? 'apache2' : kind];
  if (!binary) throw new Error(`unknown server kind "${kind}"`);
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: install it (\`cargo xtask test\` installs nginx, apache2 and caddy with apt-get)`);
  }
  return binary;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A temporary folder the servers' unprivileged workers can read (mkdtemp makes it 0700). */
async function tempDir(prefix) {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/**
 * A document root for the servers: `<root>/carestep-<version>/` (a copy of the
 * unzipped release folder, as a clinic uploads it) and `<root>/index.html`, a
 * plain clinic page with the iframe snippet of embed/README.md: the
 * placeholder with the clinic's phone, the configuration block (the demo
 * configuration) and the loader with its Subresource Integrity value computed
 * from the file. Returns `{ root, folder, hostPage, version, remove() }`.
 */
export async function makeSite({ dir: releaseDir, version }) {
  const root = await tempDir('carestep-site-');
  const folder = `/carestep-${version}/`;
  await cp(releaseDir, path.join(root, `carestep-${version}`), { recursive: true });
  await readableByAll(root);
  const loader = await readFile(path.join(releaseDir, 'embed', 'carestep-embed.js'));
  const config = await readFile(path.join(FIXTURES_DIR, 'configs', 'demo.json'), 'utf8');
  const page = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Self-check · Riverbend Community Mental Health</title>
</head>
<body>
  <h1>Which kind of care might fit you?</h1>
  <div data-carestep>
    <p>In crisis? Call or text <a href="tel:988">988</a> · Call <a href="tel:911">911</a>.
      To talk to us, call <a href="tel:+15415550142">(541) 555-0142</a>.</p>
  </div>
  <script type="application/json" id="carestep-config">${config.replaceAll('</', '<\\/')}</script>
  <script src="${folder}embed/carestep-embed.js" integrity="${sri(loader)}" crossorigin="anonymous" defer></script>
</body>
</html>
`;
  await writeFile(path.join(root, 'index.html'), page);
  return {
    root,
    folder,
    version,
    hostPage: '/index.html',
    /** The plain page's own path (for the privacy checks: what else may be requested). */
    hostFiles: new Set(['/index.html']),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** chmod a+rX below `dir`: the servers' workers run as another user when the tests run as root. */
async function readableByAll(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await chmod(full, 0o755);
      await readableByAll(full);
    } else if (entry.isFile()) {
      await chmod(full, 0o644);
    }
  }
}

/** A TCP port nobody listens on right now, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The recipe text with every line that sets `header` removed (at least one must go). */
export function recipeWithout(kind, text, header) {
  const name = header.toLowerCase();
  const escaped = header.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  let pattern;
  if (kind !== 'nginx') throw new Error('recipeWithout: only the nginx recipe is supported');
  if (name === 'content-type') pattern = /^\s*(types\s*\{\s*\}|default_type\s+application\/wasm;)\s*$/;
  else pattern = new RegExp(`^\\s*add_header\\s+${escaped}\\s`, 'i');
  const lines = text.split('\n');
  const kept = lines.filter((line) => !pattern.test(line));
  if (kept.length === lines.length) throw new Error(`the ${kind} recipe sets no header named ${header}`);
  return kept.join('\n');
}

/**
 * Starts a server of `kind` ('nginx', 'apache2', 'apache2-site' or 'caddy')
 * for `site`, with the recipe from `recipesDir` (the release folder's
 * hosting/). Resolves once it answers HTTP on its port; rejects with its error
 * log if it exits first or does not answer in 20 s.
 *
 * Returns `{ kind, url, port, requests(), close() }`; `requests()` reads the
 * server's access log: `[{ method, path, status }]` in order.
 */
export async function startServer(kind, site, { recipesDir, without = null } = {}) {
  const binary = binaryOf(kind);
  if (!recipesDir) throw new Error('startServer: recipesDir (the hosting/ folder to test) is required');
  const recipeFile = path.join(recipesDir, RECIPE[kind]);
  const recipe = await readFile(recipeFile, 'utf8');
  const dir = await tempDir(`carestep-${kind}-`);
  const port = await freePort();
  const accessLog = path.join(dir, 'access.log');
  const errorLog = path.join(dir, 'error.log');
  let args;
  let env = { ...process.env };

  if (kind === 'nginx') {
    let included = recipeFile;
    let mimeTypes = '/etc/nginx/mime.types';
    if (without) {
      included = path.join(dir, `nginx-without-${without}.conf`);
      await writeFile(included, recipeWithout(kind, recipe, without));
      if (without.toLowerCase() === 'content-type') {
        const types = await readFile(mimeTypes, 'utf8');
        const filtered = types.split('\n').filter((l) => !/\swasm;/.test(l));
        if (filtered.length === types.split('\n').length) throw new Error(`${mimeTypes} has no wasm line to remove`);
        mimeTypes = path.join(dir, 'mime.types');
        await writeFile(mimeTypes, filtered.join('\n'));
      }
    }
    for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) await mkdir(path.join(dir, sub));
    await writeFile(
      path.join(dir, 'nginx.conf'),
      `# Generated by e2e/support/servers.js: a minimal nginx around the CareStep recipe.
daemon off;
master_process on;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${errorLog} warn;
events { worker_connections 64; }
http {
    include ${mimeTypes};
    default_type application/octet-stream;
    log_format carestep '$request_method $uri $status';
    access_log ${accessLog} carestep;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    sendfile on;
    server {
        listen 127.0.0.1:${port};
        server_name localhost;
        root ${site.root};
        index index.html;
        # The shipped recipe, unchanged (or, for \`without\`, minus one header).
        include ${included};
    }
}
`,
    );
    args = ['-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf'), '-e', errorLog];
  } else if (kind === 'apache2' || kind === 'apache2-site') {
    if (without) throw new Error('`without` is only supported for nginx');
    const htaccess = kind === 'apache2';
    if (htaccess) {
      // As the clinic does: the recipe copied, byte for byte, into the folder as .htaccess.
      await writeFile(path.join(site.root, `carestep-${site.version}`, '.htaccess'), recipe);
    }
    const modules = ['mpm_event', 'authz_core', 'mime', 'headers', 'dir']
      .map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`)
      .join('\n');
    await writeFile(
      path.join(dir, 'apache2.conf'),
      `# Generated by e2e/support/servers.js: a minimal Apache around the CareStep recipe.
ServerRoot "${dir}"
DefaultRuntimeDir "${dir}"
PidFile "${dir}/apache2.pid"
Mutex file:${dir} default
Listen 127.0.0.1:${port}
ServerName 127.0.0.1
${modules}
${isRoot ? 'User www-data\nGroup www-data' : ''}
StartServers 1
ServerLimit 1
ThreadsPerChild 16
ThreadLimit 16
MaxRequestWorkers 16
MinSpareThreads 1
MaxSpareThreads 16
TypesConfig /etc/mime.types
ErrorLog "${errorLog}"
LogLevel warn
LogFormat "%m %U %>s" carestep
CustomLog "${accessLog}" carestep
DocumentRoot "${site.root}"
DirectoryIndex index.html
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "${site.root}">
    # What apache.htaccess needs (hosting/README.md): FileInfo, nothing more.
    AllowOverride ${htaccess ? 'FileInfo' : 'None'}
    Require all granted
</Directory>
${htaccess ? '' : `# The shipped server-configuration recipe, unchanged.\nInclude "${recipeFile}"\n`}`,
    );
    args = ['-f', path.join(dir, 'apache2.conf'), '-DFOREGROUND'];
  } else {
    if (without) throw new Error('`without` is only supported for nginx');
    // Caddy keeps state under $HOME/$XDG_*: point all of it at the temporary folder.
    env = { ...env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'data'), XDG_CONFIG_HOME: path.join(dir, 'config') };
    await writeFile(
      path.join(dir, 'Caddyfile'),
      `# Generated by e2e/support/servers.js: a minimal Caddy around the CareStep recipe.
{
	admin off
	auto_https off
	log {
		output file ${errorLog}
		level WARN
	}
}

# The shipped recipe, unchanged: defines the (carestep) snippet.
import ${recipeFile}

http://127.0.0.1:${port} {
	root * ${site.root}
	import carestep
	file_server
	log {
		output file ${accessLog}
		format json
	}
}
`,
    );
    args = ['run', '--config', path.join(dir, 'Caddyfile'), '--adapter', 'caddyfile'];
  }

  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => live.delete(child));
  child.once('error', (error) => (output += `\n${error.message}`));

  const url = `http://127.0.0.1:${port}`;
  const server = {
    kind,
    port,
    url,
    dir,
    /** The server's access log, parsed: [{ method, path, status }]. */
    requests: async () => parseAccessLog(kind, await readFile(accessLog, 'utf8').catch(() => '')),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };

  try {
    await waitUntilServing(url, exited, 20_000);
  } catch (error) {
    const log = await readFile(errorLog, 'utf8').catch(() => '');
    await server.close();
    throw new Error(`${kind} did not start on ${url}: ${error.message}\n${output}\n${log}`.trim());
  }
  return server;
}

/** Resolves when `url` answers any HTTP response; rejects if the process exits first or after `ms`. */
async function waitUntilServing(url, exited, ms) {
  let gone = null;
  exited.then((how) => (gone = how));
  const deadline = Date.now() + ms;
  for (;;) {
    if (gone) throw new Error(`the server exited (code ${gone.code}, signal ${gone.signal})`);
    if (await answers(url)) return;
    if (Date.now() > deadline) throw new Error(`no answer within ${ms} ms`);
    // Retry when the process exits or after a short pause, whichever is first
    // (a poll of the condition, not a sleep standing in for it).
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 25))]);
  }
}

function answers(url) {
  return new Promise((resolve) => {
    const req = http.get(url + '/', { timeout: 2000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

function parseAccessLog(kind, text) {
  const lines = text.split('\n').filter(Boolean);
  if (kind === 'caddy') {
    return lines.map((line) => {
      const entry = JSON.parse(line);
      return { method: entry.request.method, path: new URL(entry.request.uri, 'http://x').pathname, status: entry.status };
    });
  }
  return lines.map((line) => {
    const [method, p, status] = line.split(' ');
    return { method, path: p, status: Number(status) };
  });
}

// Every server still running when the test process ends is stopped with it
// (afterAll closes them; this covers a worker that is torn down mid-test).
const live = new Set();
process.once('exit', () => {
  for (const child of live) child.kill('SIGTERM');
});
