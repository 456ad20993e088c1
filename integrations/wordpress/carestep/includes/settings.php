<?php
/**
 * Settings → CareStep: the clinic's configuration, stored as the option
 * `carestep_config` (public text: no secret, no visitor data).
 *
 * The page embeds the bundled set-up page (setup.html), which checks every
 * field with CareStep's own validator (the same code the widget runs) and
 * gives the configuration to copy. Here PHP only checks that the pasted text
 * is a JSON object and stores it on one line: it does not repeat CareStep's
 * rules. A configuration the widget finds invalid shows visitors the crisis
 * numbers and the clinic's phone, and the site's admin a notice naming the
 * field.
 *
 * @package CareStep
 */

defined( 'ABSPATH' ) || exit;

/**
 * Settings → CareStep.
 */
function carestep_admin_menu() {
	add_options_page(
		__( 'CareStep self-check', 'carestep' ),
		__( 'CareStep', 'carestep' ),
		'manage_options',
		'carestep',
		'carestep_settings_page'
	);
}
add_action( 'admin_menu', 'carestep_admin_menu' );

/**
 * The option, saved through options.php (which checks the nonce of
 * settings_fields() and the capability manage_options).
 */
function carestep_register_setting() {
	register_setting(
		'carestep',
		CARESTEP_OPTION,
		array(
			'type'              => 'string',
			'description'       => __( 'The clinic configuration of the CareStep self-check (JSON).', 'carestep' ),
			'sanitize_callback' => 'carestep_sanitize_config',
			'show_in_rest'      => false,
			'default'           => '',
		)
	);
}
add_action( 'admin_init', 'carestep_register_setting' );

/**
 * Keeps a JSON object, on one line; anything else is refused with a notice,
 * and the configuration saved before stays.
 *
 * @param mixed $value What the form sent (options.php has unslashed it).
 * @return string
 */
function carestep_sanitize_config( $value ) {
	$text = is_string( $value ) ? trim( preg_replace( '/^\xEF\xBB\xBF/', '', $value ) ) : '';
	if ( '' === $text ) {
		return '';
	}
	$decoded = json_decode( $text );
	if ( is_object( $decoded ) ) {
		return carestep_minify_json( $text );
	}
	if ( JSON_ERROR_NONE !== json_last_error() ) {
		$message = sprintf(
			/* translators: %s: the JSON parser's message, e.g. "Syntax error". */
			__( 'The configuration was not saved: it is not valid JSON (%s). Copy it again from the set-up page, from its first { to its last }, and paste it here unchanged.', 'carestep' ),
			json_last_error_msg()
		);
		if ( preg_match( '/<\/?[a-z][^>]*>/i', $text ) ) {
			$message .= ' ' . __( 'It contains HTML tags (such as <p>): an editor changed it. Copy it from the set-up page, not from a page of your site.', 'carestep' );
		}
	} else {
		$message = __( 'The configuration was not saved: it must be one JSON object, starting with { and ending with }.', 'carestep' );
	}
	// settings_errors() prints the message as HTML: it is escaped here.
	add_settings_error( CARESTEP_OPTION, 'carestep_not_json', esc_html( $message ), 'error' );
	// Shown again in the text box, so the admin can correct it.
	set_transient( 'carestep_rejected_' . get_current_user_id(), $text, 10 * MINUTE_IN_SECONDS );
	return carestep_config_text();
}

/**
 * The settings page.
 */
function carestep_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$bundle   = carestep_bundle();
	$text     = carestep_config_text();
	$rejected = get_transient( 'carestep_rejected_' . get_current_user_id() );
	if ( is_string( $rejected ) ) {
		delete_transient( 'carestep_rejected_' . get_current_user_id() );
		$text = $rejected;
	}
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'CareStep self-check', 'carestep' ); ?></h1>
		<?php if ( ! $bundle ) : ?>
			<div class="notice notice-error"><p><?php esc_html_e( 'This copy of the plugin has no CareStep files (assets/carestep-<version>/ and bundle.php). Install the plugin from its release zip, carestep-wordpress-<version>.zip.', 'carestep' ); ?></p></div>
		<?php endif; ?>
		<ol>
			<li><?php esc_html_e( 'Fill in the set-up page below: your clinic, phone, crisis lines and programs. It checks every field and shows the self-check as visitors will see it.', 'carestep' ); ?></li>
			<li><?php esc_html_e( 'Copy the configuration it gives you (the JSON, from { to }) into the box under it, and save.', 'carestep' ); ?></li>
			<li><?php esc_html_e( 'Add the "CareStep self-check" block, or the shortcode [carestep], to any page. Any role that can edit posts can add it.', 'carestep' ); ?></li>
		</ol>
		<?php if ( $bundle ) : ?>
			<h2><?php esc_html_e( 'Set-up page', 'carestep' ); ?></h2>
			<p>
				<a href="<?php echo esc_url( carestep_asset_url( 'setup.html' ) ); ?>" target="_blank" rel="noopener"><?php esc_html_e( 'Open the set-up page in a new tab', 'carestep' ); ?></a>
				<?php esc_html_e( '(nothing you type there is sent or stored: copy the configuration when you are done, or download it to change it later).', 'carestep' ); ?>
			</p>
			<iframe src="<?php echo esc_url( carestep_asset_url( 'setup.html' ) ); ?>" title="<?php esc_attr_e( 'CareStep set-up page', 'carestep' ); ?>" style="width:100%;height:80vh;min-height:640px;border:1px solid #c3c4c7;background:#fff"></iframe>
		<?php endif; ?>
		<h2><?php esc_html_e( 'Configuration', 'carestep' ); ?></h2>
		<form method="post" action="<?php echo esc_url( admin_url( 'options.php' ) ); ?>">
			<?php settings_fields( 'carestep' ); ?>
			<p><label for="carestep_config"><?php esc_html_e( 'Your configuration (JSON, as the set-up page gives it)', 'carestep' ); ?></label></p>
			<textarea id="carestep_config" name="<?php echo esc_attr( CARESTEP_OPTION ); ?>" rows="14" class="large-text code" spellcheck="false" aria-describedby="carestep_config_help"><?php echo esc_textarea( $text ); ?></textarea>
			<p id="carestep_config_help" class="description">
				<?php esc_html_e( 'Saved on one line, exactly as pasted otherwise. This page checks only that it is JSON; the set-up page checks every field. The configuration is public: it appears in your pages. Never put a secret or anything about a visitor in it.', 'carestep' ); ?>
			</p>
			<?php submit_button( __( 'Save configuration', 'carestep' ) ); ?>
		</form>
	</div>
	<?php
}
