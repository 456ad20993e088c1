<?php
/**
 * What the block and the shortcode print: the placeholder, the configuration
 * on one line, and (enqueued) the loader.
 *
 * @package CareStep
 */

defined( 'ABSPATH' ) || exit;

/**
 * The saved configuration's text (minified JSON), or ''.
 *
 * @return string
 */
function carestep_config_text() {
	$text = get_option( CARESTEP_OPTION, '' );
	return is_string( $text ) ? $text : '';
}

/**
 * The saved configuration, decoded (objects as stdClass), or null.
 *
 * Only read to write the placeholder (the clinic's name and phone, the crisis
 * lines). The widget checks the configuration with its own validator; this
 * plugin does not repeat any of its rules.
 *
 * @return object|null
 */
function carestep_config_data() {
	$text = carestep_config_text();
	if ( '' === $text ) {
		return null;
	}
	$data = json_decode( $text );
	return is_object( $data ) ? $data : null;
}

/**
 * JSON text on one line, every token kept as written: whitespace between
 * tokens goes, strings are copied byte for byte except that "<", ">" and "&"
 * become \u003c, \u003e and \u0026 (the same string to a JSON reader), so the
 * text can never close its <script> element or open a comment, and a page
 * editor's automatic paragraphs have no line break to act on. Duplicate names
 * and number spellings are left for CareStep's own validator to judge.
 *
 * @param string $text JSON text (already checked to decode).
 * @return string
 */
function carestep_minify_json( $text ) {
	$text   = preg_replace( '/^\xEF\xBB\xBF/', '', $text );
	$out    = '';
	$length = strlen( $text );
	$in_str = false;
	for ( $i = 0; $i < $length; $i++ ) {
		$c = $text[ $i ];
		if ( $in_str ) {
			if ( '\\' === $c ) {
				$out .= $c . ( $i + 1 < $length ? $text[ ++$i ] : '' );
			} elseif ( '"' === $c ) {
				$out   .= $c;
				$in_str = false;
			} elseif ( '<' === $c ) {
				$out .= '\u003c';
			} elseif ( '>' === $c ) {
				$out .= '\u003e';
			} elseif ( '&' === $c ) {
				$out .= '\u0026';
			} else {
				$out .= $c;
			}
		} elseif ( '"' === $c ) {
			$out   .= $c;
			$in_str = true;
		} elseif ( ' ' !== $c && "\t" !== $c && "\n" !== $c && "\r" !== $c ) {
			$out .= $c;
		}
	}
	return $out;
}

/**
 * A phone number as a tel: link (digits and a leading +), escaped; the plain
 * escaped text if it has no digit.
 *
 * @param string $phone The number as the clinic writes it.
 * @return string HTML.
 */
function carestep_phone_link( $phone ) {
	$phone = (string) $phone;
	$dial  = preg_replace( '/[^0-9]/', '', $phone );
	if ( '' === $dial ) {
		return esc_html( $phone );
	}
	if ( '+' === substr( ltrim( $phone ), 0, 1 ) ) {
		$dial = '+' . $dial;
	}
	return '<a href="' . esc_url( 'tel:' . $dial, array( 'tel' ) ) . '">' . esc_html( $phone ) . '</a>';
}

/**
 * What visitors see until the self-check is ready, and whenever it cannot
 * start: the crisis numbers and the clinic's phone, from the saved
 * configuration. The United States numbers (988, 911) are shown unless the
 * configuration names another country and a crisis line of its own.
 *
 * @param object|null $config The decoded configuration.
 * @return string HTML (one <p>, no line breaks).
 */
function carestep_placeholder_html( $config ) {
	$crisis  = ( $config && isset( $config->crisis ) && is_object( $config->crisis ) ) ? $config->crisis : null;
	$lines   = array();
	$country = 'US';
	if ( $crisis ) {
		if ( isset( $crisis->country ) && is_string( $crisis->country ) ) {
			$country = strtoupper( trim( $crisis->country ) );
		}
		if ( isset( $crisis->lines ) && is_array( $crisis->lines ) ) {
			foreach ( $crisis->lines as $line ) {
				if ( is_object( $line ) && isset( $line->phone ) && is_string( $line->phone ) && '' !== trim( $line->phone ) ) {
					$label   = ( isset( $line->label ) && is_string( $line->label ) ) ? $line->label : __( 'Crisis line', 'carestep' );
					$lines[] = esc_html( $label ) . ': ' . carestep_phone_link( $line->phone ) . '.';
				}
			}
		}
	}
	$parts = array( esc_html__( 'In crisis?', 'carestep' ) );
	if ( 'US' === $country || empty( $lines ) ) {
		$parts[] = sprintf(
			/* translators: 1: the 988 link, 2: the 911 link. */
			esc_html__( 'Call or text %1$s · Call %2$s.', 'carestep' ),
			'<a href="tel:988">988</a>',
			'<a href="tel:911">911</a>'
		);
	}
	$parts  = array_merge( $parts, $lines );
	$clinic = ( $config && isset( $config->clinic ) && is_object( $config->clinic ) ) ? $config->clinic : null;
	if ( $clinic && isset( $clinic->phone ) && is_string( $clinic->phone ) && '' !== trim( $clinic->phone ) ) {
		$name    = ( isset( $clinic->name ) && is_string( $clinic->name ) && '' !== trim( $clinic->name ) ) ? $clinic->name : __( 'us', 'carestep' );
		$parts[] = sprintf(
			/* translators: 1: the clinic's name, 2: its phone number (a link). */
			esc_html__( 'To talk to %1$s, call %2$s.', 'carestep' ),
			esc_html( $name ),
			carestep_phone_link( $clinic->phone )
		);
	}
	return '<p>' . implode( ' ', $parts ) . '</p>';
}

/**
 * The self-check's HTML, all on one line: the placeholder, then the
 * configuration block; the loader is enqueued (printed in the footer by
 * WordPress, from this plugin's files, with its SRI). A page shows one
 * self-check: the loader uses the first placeholder.
 *
 * @param string $wrapper_attributes Extra attributes of the placeholder (the block's class).
 * @return string
 */
function carestep_render( $wrapper_attributes = 'class="carestep"' ) {
	$config = carestep_config_data();
	$html   = '<div data-carestep ' . $wrapper_attributes . '>' . carestep_placeholder_html( $config ) . '</div>';
	if ( $config && carestep_bundle() ) {
		$html .= '<script type="application/json" id="carestep-config">' . carestep_minify_json( carestep_config_text() ) . '</script>';
		wp_enqueue_script( 'carestep-embed' );
	} else {
		// Not set up yet (Settings → CareStep), or no bundled files: the
		// crisis numbers stay, and nothing else is loaded.
		$html .= '<!-- CareStep: ' . ( $config ? 'the plugin has no bundled files' : 'no configuration saved yet (Settings → CareStep)' ) . '. -->';
	}
	return $html;
}

/**
 * The block's render callback.
 *
 * @return string
 */
function carestep_render_block() {
	return carestep_render( get_block_wrapper_attributes() );
}

/**
 * The [carestep] shortcode (it takes no attributes). WordPress runs shortcodes
 * after its automatic paragraphs, so the Classic editor cannot break its output.
 *
 * @return string
 */
function carestep_render_shortcode() {
	return carestep_render( 'class="carestep"' );
}
