<?php
/**
 * Deleting the plugin deletes what it stored: the clinic configuration
 * option (on every site of a network). It stores nothing else.
 *
 * @package CareStep
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $carestep_site_id ) {
		switch_to_blog( $carestep_site_id );
		delete_option( 'carestep_config' );
		restore_current_blog();
	}
} else {
	delete_option( 'carestep_config' );
}
