// A real WordPress for the plugin's tests (e2e/specs/wordpress.spec.js):
// Debian 12's own packages — `wordpress` (6.1), `mariadb-server` (10.11),
// `apache2` with `libapache2-mod-php` (PHP 8.2) — started by the test, never as
// system services.
//
// Everything lives in one fresh temporary folder and is removed by close():
//
//   <dir>/db/                  MariaDB's data (mariadb-install-db), reached only
//   <dir>/mysql.sock           through this socket (--skip-networking)
//   <dir>/wordpress/           a copy of /usr/share/wordpress (Debian's
//                              wp-config.php, which reads /etc/wordpress/, is
//                              replaced by one generated here for this database)
//   <dir>/wordpress/wp-content/  themes (Twenty Twenty-Three, from the package),
//                              plugins, uploads: written by PHP as Apache's user
//   <dir>/apache/              Apache's own configuration (prefork + mod_php),
//                              pid file and logs, on a free port of 127.0.0.1
//
// WordPress is installed by a PHP script that loads wp-load.php and calls
// wp_install() (Debian 12 has no wp-cli). What a clinic's staff do — log in,
// upload the plugin, save the settings, write a post — the spec does in the
// browser.
//
//   const wp = await startWordPress();
//   wp.url                       // http://127.0.0.1:<port>
//   await wp.php('echo get_option("siteurl");')  // PHP with WordPress loaded, as a CLI script
//   await wp.requests()          // Apache's access log: [{ method, path, status, cookie }]
//   await wp.debugLog()          // WordPress's debug.log (WP_DEBUG_LOG)
//   await wp.close();
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './servers.js';

const run = promisify(execFile);

/** The Debian packages' programs and files this module uses (xtask/src/setup.rs installs them). */
export const WORDPRESS = {
  core: '/usr/share/wordpress',
  mariadbd: '/usr/sbin/mariadbd',
  installDb: '/usr/bin/mariadb-install-db',
  client: '/usr/bin/mariadb',
  apache: '/usr/sbin/apache2',
  php: '/usr/bin/php',
  modPhp: '/usr/lib/apache2/modules/libphp8.2.so',
};
const APACHE_MODULES = '/usr/lib/apache2/modules';

/** The accounts the spec uses (a throwaway site on 127.0.0.1: the passwords are not secrets). */
export const ACCOUNTS = {
  admin: { login: 'clinic-admin', password: `admin-${randomBytes(6).toString('hex')}`, role: 'administrator' },
  author: { login: 'clinic-author', password: `author-${randomBytes(6).toString('hex')}`, role: 'author' },
};

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** The user Apache's workers (and so PHP) run as when the tests run as root. */
const WEB_USER = 'www-data';

function missing() {
  return Object.values(WORDPRESS).filter((p) => !existsSync(p));
}

/**
 * Starts MariaDB and Apache with PHP, installs WordPress (site title, the
 * Administrator and an Author) and resolves with the handle described above.
 * Rejects with the servers' own logs if anything fails to start.
 */
export async function startWordPress({ title = 'Riverbend Community Mental Health' } = {}) {
  const absent = missing();
  if (absent.length) {
    throw new Error(
      `${absent.join(', ')} missing: install Debian's wordpress, wordpress-theme-twentytwentythree, mariadb-server, ` +
        'apache2, libapache2-mod-php and php-cli (`cargo xtask test` installs them with apt-get)',
    );
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'carestep-wordpress-'));
  await chmod(dir, 0o755); // Apache's workers (www-data) must reach the site and the socket
  const children = [];
  const wp = {
    dir,
    wordpress: path.join(dir, 'wordpress'),
    url: '',
    close: async () => {
      for (const child of children.reverse()) await child.stop();
      // CARESTEP_KEEP_WORDPRESS=1 leaves the folder (logs, database) for a post-mortem.
      if (process.env.CARESTEP_KEEP_WORDPRESS) console.log(`wordpress: kept ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    const socket = path.join(dir, 'mysql.sock');
    children.push(await startMariaDb(dir, socket));
    const port = await freePort();
    wp.url = `http://127.0.0.1:${port}`;
    const dbPassword = randomBytes(12).toString('hex');
    await sql(socket, [
      'CREATE DATABASE wordpress CHARACTER SET utf8mb4;',
      `CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '${dbPassword}';`,
      "GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';",
    ]);
    await copyCore(wp.wordpress);
    await writeFile(path.join(wp.wordpress, 'wp-config.php'), wpConfig({ socket, dbPassword, url: wp.url, dir }));

    wp.php = (code, options) => php(wp.wordpress, code, options);
    const installed = parseJson(
      await wp.php(`
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        add_filter( 'pre_wp_mail', '__return_true' ); // no mail server: nothing to send
        $admin = ${phpArray(ACCOUNTS.admin)};
        $result = wp_install( ${phpString(title)}, $admin['login'], 'admin@clinic.test', false, '', $admin['password'] );
        $author = ${phpArray(ACCOUNTS.author)};
        $author_id = wp_insert_user( array(
          'user_login' => $author['login'], 'user_pass' => $author['password'],
          'user_email' => 'author@clinic.test', 'display_name' => 'Alex Author', 'role' => 'author',
        ) );
        if ( is_wp_error( $author_id ) ) { fwrite( STDERR, $author_id->get_error_message() ); exit( 1 ); }
        echo wp_json_encode( array(
          'admin' => (int) $result['user_id'], 'author' => $author_id,
          'version' => get_bloginfo( 'version' ), 'theme' => get_stylesheet(),
        ) );
      `, { installing: true }),
    );
    wp.users = { admin: installed.admin, author: installed.author };
    wp.version = installed.version;
    wp.theme = installed.theme;
    if (isRoot) await run('chown', ['-R', `${WEB_USER}:${WEB_USER}`, path.join(wp.wordpress, 'wp-content')]);

    const apache = await startApache(dir, wp.wordpress, port);
    children.push(apache);
    wp.requests = apache.requests;
    wp.debugLog = () => readFile(path.join(dir, 'debug.log'), 'utf8').catch(() => '');
    wp.apacheErrors = () => readFile(path.join(dir, 'apache', 'error.log'), 'utf8').catch(() => '');
    return wp;
  } catch (error) {
    await wp.close();
    throw error;
  }
}

/** mariadb-install-db into <dir>/db, then mariadbd on a socket only. */
async function startMariaDb(dir, socket) {
  const datadir = path.join(dir, 'db');
  const errorLog = path.join(dir, 'mariadb.err');
  // Small buffers: a test site, started from nothing each run.
  const sizes = ['--innodb-buffer-pool-size=32M', '--innodb-log-file-size=8M'];
  const user = isRoot ? 'root' : os.userInfo().username;
  try {
    await run(WORDPRESS.installDb, [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--user=${user}`,
      '--auth-root-authentication-method=socket',
      `--auth-root-socket-user=${user}`,
      '--skip-test-db',
      '--skip-name-resolve',
      ...sizes,
    ]);
  } catch (error) {
    throw new Error(`mariadb-install-db failed: ${error.stderr || error.message}`);
  }
  const child = await startDaemon(
    'mariadbd',
    WORDPRESS.mariadbd,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--pid-file=${path.join(dir, 'mariadb.pid')}`,
      `--log-error=${errorLog}`,
      '--skip-networking',
      '--skip-log-bin',
      `--user=${user}`,
      ...sizes,
    ],
    () => sql(socket, ['SELECT 1;']).then(
      () => true,
      () => false,
    ),
    errorLog,
  );
  return child;
}

/** Runs SQL as MariaDB's root user (socket authentication). */
async function sql(socket, statements) {
  await run(WORDPRESS.client, ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', statements.join('\n')]);
}

/**
 * /usr/share/wordpress copied, without Debian's wp-config.php and .htaccess.
 * Symbolic links are followed: Debian links some of WordPress's scripts
 * (underscore.js, …) to /usr/share/javascript/, outside the document root.
 */
async function copyCore(target) {
  await run('cp', ['-R', '-L', WORDPRESS.core, target]);
  await rm(path.join(target, 'wp-config.php'));
  await rm(path.join(target, '.htaccess'), { force: true });
  await mkdir(path.join(target, 'wp-content', 'uploads'), { recursive: true });
  await mkdir(path.join(target, 'wp-content', 'upgrade'), { recursive: true });
}

function wpConfig({ socket, dbPassword, url, dir }) {
  const salt = () => randomBytes(32).toString('hex');
  const keys = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
  return `<?php
// Generated by e2e/support/wordpress.js for a throwaway test site.
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', '${dbPassword}' );
define( 'DB_HOST', 'localhost:${socket}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
${keys.map((k) => `define( '${k}', '${salt()}' );`).join('\n')}
$table_prefix = 'wp_';
define( 'WP_HOME', '${url}' );
define( 'WP_SITEURL', '${url}' );
define( 'WP_CONTENT_DIR', __DIR__ . '/wp-content' );
// The plugin is installed through the admin's "Upload Plugin" form: PHP writes
// wp-content/plugins itself (its files belong to root, PHP runs as www-data).
define( 'FS_METHOD', 'direct' );
// This machine has no internet: WordPress's calls to wordpress.org (updates,
// plugin directory, events) fail at once instead of waiting for a timeout.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
// Every PHP notice, warning or deprecation is logged (the spec reads the log).
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '${dir}/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`;
}

/** JSON printed by a PHP script, or an error that shows what it printed instead. */
export function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`a PHP script printed no JSON: ${JSON.stringify(text.slice(0, 2000))}`);
  }
}

/** A PHP string literal. */
export function phpString(text) {
  return `'${String(text).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function phpArray(object) {
  return `array( ${Object.entries(object)
    .map(([k, v]) => `${phpString(k)} => ${phpString(v)}`)
    .join(', ')} )`;
}

/**
 * Runs `code` as a PHP CLI script with WordPress loaded (wp-load.php); resolves
 * with its standard output, rejects with its error output.
 */
async function php(wordpress, code, { installing = false } = {}) {
  const file = path.join(path.dirname(wordpress), `script-${randomBytes(4).toString('hex')}.php`);
  await writeFile(
    file,
    `<?php
${installing ? "define( 'WP_INSTALLING', true );" : ''}
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require ${phpString(path.join(wordpress, 'wp-load.php'))};
${code}
`,
  );
  try {
    const { stdout } = await run(WORDPRESS.php, [file], { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    throw new Error(`PHP script failed: ${error.stderr || ''}${error.stdout || ''}${error.message}\n${code}`);
  } finally {
    if (!process.env.CARESTEP_KEEP_WORDPRESS) await rm(file, { force: true });
  }
}

/** Apache 2.4 (prefork, mod_php) serving `docroot` on 127.0.0.1:`port`. */
async function startApache(dir, docroot, port) {
  const conf = path.join(dir, 'apache');
  await mkdir(conf);
  const accessLog = path.join(conf, 'access.log');
  const errorLog = path.join(conf, 'error.log');
  const modules = ['mpm_prefork', 'authz_core', 'mime', 'headers', 'dir', 'rewrite']
    .map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`)
    .concat(`LoadModule php_module ${WORDPRESS.modPhp}`)
    .join('\n');
  await writeFile(
    path.join(conf, 'apache2.conf'),
    `# Generated by e2e/support/wordpress.js: Apache with PHP for a throwaway WordPress.
ServerRoot "${conf}"
DefaultRuntimeDir "${conf}"
PidFile "${conf}/apache2.pid"
Mutex file:${conf} default
Listen 127.0.0.1:${port}
ServerName 127.0.0.1
${modules}
${isRoot ? `User ${WEB_USER}\nGroup ${WEB_USER}` : ''}
StartServers 2
MinSpareServers 1
MaxSpareServers 4
MaxRequestWorkers 8
TypesConfig /etc/mime.types
ErrorLog "${errorLog}"
LogLevel warn
LogFormat "%m %U%q %>s %{Cookie}i" carestep
CustomLog "${accessLog}" carestep
DocumentRoot "${docroot}"
DirectoryIndex index.php index.html
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "${docroot}">
    # As on shared hosting: .htaccess files may set types and headers
    # (the plugin's assets folder ships one; hosting/README.md: FileInfo).
    AllowOverride FileInfo
    Require all granted
</Directory>
# As Debian's apache2.conf: .htaccess files are never served.
<FilesMatch "^\\.ht">
    Require all denied
</FilesMatch>
<FilesMatch "\\.php$">
    SetHandler application/x-httpd-php
</FilesMatch>
php_admin_value upload_max_filesize 32M
php_admin_value post_max_size 40M
php_admin_value error_log "${dir}/php-error.log"
`,
  );
  const child = await startDaemon(
    'apache2',
    WORDPRESS.apache,
    ['-f', path.join(conf, 'apache2.conf'), '-DFOREGROUND'],
    () => answers(`http://127.0.0.1:${port}/wp-includes/images/blank.gif`),
    errorLog,
  );
  child.requests = async () => parseAccessLog(await readFile(accessLog, 'utf8').catch(() => ''));
  return child;
}

/**
 * Apache's access log, without its own "dummy connections": the prefork MPM
 * wakes idle children with `OPTIONS *` requests to itself. A browser cannot
 * send that request (no URL has the target `*`), so nothing a page asks for is
 * left out.
 */
function parseAccessLog(text) {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [method, p, status, ...cookie] = line.split(' ');
      return { method, path: p, status: Number(status), cookie: cookie.join(' ') === '-' ? '' : cookie.join(' ') };
    })
    .filter((r) => !(r.method === 'OPTIONS' && r.path === '*'));
}

/**
 * Spawns a foreground daemon and resolves once `ready()` says so; rejects with
 * its log if it exits first or is not ready in 30 s. The result's stop() ends it.
 */
async function startDaemon(name, binary, args, ready, logFile) {
  // A process group of its own: Apache's prefork MPM signals its whole group
  // when it stops, which would otherwise include the test runner.
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  live.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.once('error', (error) => (output += `\n${error.message}`));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => live.delete(child));
  const handle = {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  let gone = null;
  exited.then((how) => (gone = how));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (gone) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw new Error(`${name} exited (code ${gone.code}, signal ${gone.signal}) before it was ready:\n${output}\n${log}`.trim());
    }
    if (await ready()) return handle;
    if (Date.now() > deadline) {
      await handle.stop();
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw new Error(`${name} was not ready within 30 s:\n${output}\n${log}`.trim());
    }
    // Poll again when the process exits or after a short pause (a condition, not a sleep).
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
}

function answers(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

// Servers still running when the test process ends are stopped with it.
const live = new Set();
process.once('exit', () => {
  for (const child of live) child.kill('SIGTERM');
});

/** Where `cargo xtask release` writes the plugin zip of `version`. */
export function pluginZipName(version) {
  return `carestep-wordpress-${version}.zip`;
}
