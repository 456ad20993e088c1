<?php
/**
 * The editor script's dependencies (WordPress's own globals; no build step).
 *
 * @package CareStep
 */

defined( 'ABSPATH' ) || exit;

return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
	'version'      => '0.0.0-dev',
);
