export { defaultFontConfig, packageRoot, type FamilyFiles, type FontConfig } from './config.js';
export { closeFontFiles, fontkitFontOf, sfntFontOf, splitFontPath } from './face.js';
export { loadFonts } from './fontset.js';
export { describeCodePoint, findUncovered, type UncoveredChar } from './coverage.js';
