<?php
/**
 * Plugin Name:       CareStep
 * Description:       A private mental-health self-check for your clinic's pages: the "CareStep self-check" block and the [carestep] shortcode. Visitors' answers never leave their browser.
 * Version:           0.0.0-dev
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            The CareStep authors
 * License:           MIT OR Apache-2.0
 * License URI:       https://spdx.org/licenses/MIT.html
 * Text Domain:       carestep
 *
 * CareStep is licensed under MIT OR Apache-2.0 (either applies). Under the
 * MIT licence it may be combined with GPL-2.0-or-later code such as WordPress.
 *
 * What this plugin adds to a visitor's page, and only to a page that holds the
 * block or the shortcode: the clinic's placeholder (crisis numbers and phone),
 * the clinic's configuration as one line of JSON, and CareStep's iframe loader
 * with its Subresource Integrity hash. No tracking, no cookies, no admin-ajax,
 * no REST call from the front end. The configuration is a public WordPress
 * option (no secret, no visitor data); see includes/settings.php.
 *
 * @package CareStep
 */

defined( 'ABSPATH' ) || exit;

define( 'CARESTEP_PLUGIN_FILE', __FILE__ );
define( 'CARESTEP_PLUGIN_DIR', plugin_dir_path( __FILE__ ) );
/** The option that holds the clinic's configuration (minified JSON text). */
define( 'CARESTEP_OPTION', 'carestep_config' );

require_once CARESTEP_PLUGIN_DIR . 'includes/render.php';
require_once CARESTEP_PLUGIN_DIR . 'includes/settings.php';

/**
 * The CareStep release this copy of the plugin ships, as written by
 * `cargo xtask release` into bundle.php: `version`, `folder` (the assets
 * folder's name, carestep-<version>) and `embed_sri` (the sha384 Subresource
 * Integrity value of embed/carestep-embed.js, computed from the file at
 * release time). Null when the plugin was copied from the source tree without
 * its release files.
 *
 * @return array|null
 */
function carestep_bundle() {
	static $bundle = false;
	if ( false !== $bundle ) {
		return $bundle;
	}
	$bundle = null;
	$file   = CARESTEP_PLUGIN_DIR . 'bundle.php';
	if ( is_readable( $file ) ) {
		$data = include $file;
		if (
			is_array( $data )
			&& isset( $data['version'], $data['folder'], $data['embed_sri'] )
			&& preg_match( '/^carestep-[A-Za-z0-9.+-]+$/', $data['folder'] )
			&& is_readable( CARESTEP_PLUGIN_DIR . 'assets/' . $data['folder'] . '/embed/carestep-embed.js' )
		) {
			$bundle = $data;
		}
	}
	return $bundle;
}

/**
 * The URL of a file of the bundled release folder, or '' without a bundle.
 *
 * @param string $path Path inside carestep-<version>/, e.g. "setup.html".
 * @return string
 */
function carestep_asset_url( $path ) {
	$bundle = carestep_bundle();
	if ( ! $bundle ) {
		return '';
	}
	return plugins_url( 'assets/' . $bundle['folder'] . '/' . ltrim( $path, '/' ), CARESTEP_PLUGIN_FILE );
}

/**
 * Registers the loader script (printed only on pages that use the block or
 * the shortcode), the block and the shortcode.
 */
function carestep_init() {
	if ( carestep_bundle() ) {
		// No version query string: the folder's name carries the version.
		wp_register_script( 'carestep-embed', carestep_asset_url( 'embed/carestep-embed.js' ), array(), null, true );
	}
	register_block_type(
		CARESTEP_PLUGIN_DIR . 'block',
		array( 'render_callback' => 'carestep_render_block' )
	);
	add_shortcode( 'carestep', 'carestep_render_shortcode' );
}
add_action( 'init', 'carestep_init' );

/**
 * The loader's tag: its Subresource Integrity value, crossorigin="anonymous"
 * (needed for SRI) and defer (it reads the placeholder and the configuration
 * after the page is parsed), as in CareStep's own snippet.
 *
 * @param string $tag    The tag WordPress made.
 * @param string $handle The script's handle.
 * @param string $src    The script's URL.
 * @return string
 */
function carestep_script_loader_tag( $tag, $handle, $src ) {
	$bundle = carestep_bundle();
	if ( 'carestep-embed' !== $handle || ! $bundle ) {
		return $tag;
	}
	return sprintf(
		'<script src="%1$s" integrity="%2$s" crossorigin="anonymous" defer id="carestep-embed-js"></script>' . "\n",
		esc_url( $src ),
		esc_attr( $bundle['embed_sri'] )
	);
}
add_filter( 'script_loader_tag', 'carestep_script_loader_tag', 10, 3 );

/**
 * The "Settings" link on the Plugins screen.
 *
 * @param string[] $links The plugin's action links.
 * @return string[]
 */
function carestep_action_links( $links ) {
	if ( current_user_can( 'manage_options' ) ) {
		$url = admin_url( 'options-general.php?page=carestep' );
		array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'carestep' ) . '</a>' );
	}
	return $links;
}
add_filter( 'plugin_action_links_' . plugin_basename( __FILE__ ), 'carestep_action_links' );
