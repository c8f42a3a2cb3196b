// Layout stage: node tree → LaidOutDocument (positioned boxes per page).
export { layoutDocument, type LayoutOptions } from './document.js';
export { chooseOptionColumns } from './options.js';
export type { LineEngine } from './context.js';
