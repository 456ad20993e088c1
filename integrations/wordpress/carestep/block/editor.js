/**
 * The CareStep block in the editor: plain JavaScript on WordPress's globals
 * (no build step). The block is rendered by PHP on the published page
 * (carestep_render_block): the placeholder with the crisis numbers and the
 * clinic's phone, the configuration from Settings → CareStep, and the loader.
 * In the editor it shows what it is and where it is set up; it saves no
 * markup of its own (save returns null), so no script is ever in post content.
 */
( function ( blocks, element, blockEditor, components, i18n ) {
	'use strict';
	var el = element.createElement;
	var __ = i18n.__;

	blocks.registerBlockType( 'carestep/self-check', {
		edit: function () {
			return el(
				'div',
				blockEditor.useBlockProps(),
				el(
					components.Placeholder,
					{
						icon: 'heart',
						label: __( 'CareStep self-check', 'carestep' ),
						instructions: __(
							'The self-check appears here on the published page, with your crisis numbers and phone. Its settings are in Settings → CareStep.',
							'carestep'
						),
					}
				)
			);
		},
		save: function () {
			return null;
		},
	} );
} )( window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.i18n );
