/**
 * What every page's <head> shares: app/layout.tsx gives it to Next's metadata,
 * and the light render path (lib/public-pages) writes it itself.
 */

const SITE_ICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><text y=".9em" font-size="90">🌴</text></svg>';

/**
 * The site icon, inline: without one every browser asks for /favicon.ico, a 404
 * rendered by the app (and logged as a console error, which Lighthouse counts).
 */
export const SITE_ICON = `data:image/svg+xml,${encodeURIComponent(SITE_ICON_SVG)}`;

/** The browser's UI colour (brand orange). */
export const THEME_COLOR = "#ea580c";
