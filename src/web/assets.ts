// The page's only style sheet and script, served from here (no CDN). The bundled Noto fonts are
// served for @font-face, so the page looks the same on a machine without CJK system fonts.
export const FONT_FILES = ['NotoSansSC-Regular.otf', 'NotoSansSC-Bold.otf', 'NotoSerifSC-Regular.otf', 'NotoSerifSC-Bold.otf'];

export const APP_CSS = `
@font-face { font-family: "EP Sans"; src: url(/assets/fonts/NotoSansSC-Regular.otf) format("opentype"); font-weight: 400; }
@font-face { font-family: "EP Sans"; src: url(/assets/fonts/NotoSansSC-Bold.otf) format("opentype"); font-weight: 700; }
@font-face { font-family: "EP Serif"; src: url(/assets/fonts/NotoSerifSC-Regular.otf) format("opentype"); font-weight: 400; }
@font-face { font-family: "EP Serif"; src: url(/assets/fonts/NotoSerifSC-Bold.otf) format("opentype"); font-weight: 700; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 "EP Sans", sans-serif; color: #1d232b; background: #f4f5f7; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .6rem 1.2rem; background: #7a1f1f; color: #fff; }
header.top .brand { font-weight: 700; }
header.top nav { display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
header.top a { color: #fff; text-decoration: none; padding: .15rem .5rem; border-radius: 4px; }
header.top a.current { background: rgba(255,255,255,.2); font-weight: 700; }
form.decide { display: inline-flex; flex-wrap: wrap; gap: .3rem; margin: .15rem 0; } form.decide button { min-width: 2.6rem; min-height: 2.4rem; }
img.crop, #unreadable img { image-rendering: pixelated; border: 1px solid #99a; max-width: 360px; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
h1 { font-size: 1.5rem; margin: .6rem 0; } h1 small, h2 small { font-size: .8rem; color: #667; font-weight: 400; }
h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; }
a { color: #1a56a0; }
form.filters, form.settings { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; background: #fff; padding: .8rem; border-radius: 6px; border: 1px solid #dde; }
label { display: flex; flex-direction: column; font-size: .85rem; color: #445; gap: .2rem; }
label.check { flex-direction: row; align-items: center; }
label.wide { width: 100%; }
input, select, textarea, button { font: inherit; font-size: 1rem; padding: .35rem .5rem; border: 1px solid #bbc; border-radius: 4px; background: #fff; }
textarea { width: 100%; font-family: "EP Serif", serif; }
label.wide input { width: 100%; }
button, a.button { background: #7a1f1f; color: #fff; border: none; padding: .45rem 1rem; cursor: pointer; border-radius: 4px; text-decoration: none; display: inline-block; }
button[disabled] { opacity: .5; cursor: wait; }
.questions { display: grid; gap: .8rem; margin-top: .8rem; }
article.question { background: #fff; border: 1px solid #dde; border-radius: 6px; padding: .7rem 1rem; }
article.question header { font-size: .85rem; color: #556; }
article.question .edit { float: right; }
.chip { background: #eef0f4; border-radius: 3px; padding: 0 .35rem; }
.chip.tag { background: #fdf3e1; }
.stem, .options, .material, dd { font-family: "EP Serif", serif; }
.stem { font-size: 1.05rem; margin: .4rem 0; }
.blank { display: inline-block; width: 4em; border-bottom: 1px solid #000; }
.options { list-style: none; padding: 0; margin: .3rem 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .1rem 1rem; }
.options li.right { color: #0a6b2c; font-weight: 700; }
dl { display: grid; grid-template-columns: 3em 1fr; gap: .1rem .6rem; margin: .3rem 0 0; font-size: .92rem; }
dt { color: #667; } dd { margin: 0; }
.norm { background: #e8f1fb; border-radius: 3px; padding: 0 .3rem; }
ul.problems { margin: .4rem 0; padding-left: 1.2rem; font-size: .9rem; }
li.error, .error { color: #b00020; } li.warning { color: #8a5a00; }
.notice { background: #e7f6ec; border: 1px solid #9bd3ad; padding: .5rem .8rem; border-radius: 4px; }
.conflict, .failure { background: #fdecec; border: 1px solid #e9a1a1; padding: .5rem .8rem; border-radius: 4px; }
.ok { color: #0a6b2c; font-weight: 700; }
pre { white-space: pre-wrap; word-break: break-all; font-size: .85rem; }
table { border-collapse: collapse; background: #fff; font-size: .9rem; }
th, td { border: 1px solid #ccd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td small { display: block; color: #667; font-size: .75rem; }
tr.short td, td.short { background: #fdecec; color: #b00020; }
table.supply td { text-align: right; white-space: nowrap; }
table.supply th { white-space: nowrap; font-size: .85rem; }
.legend { font-size: .8rem; color: #667; margin: 0; }
.scroll { overflow-x: auto; margin: .5rem 0; }
details.counts { margin: .8rem 0; background: #fff; border: 1px solid #dde; border-radius: 6px; padding: .5rem .8rem; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 1rem; }
figure.doc { margin: 0; background: #fff; border: 1px solid #dde; border-radius: 6px; padding: .5rem; font-size: .85rem; }
figure.doc img { width: 100%; border: 1px solid #eee; display: block; }
img.pageimage { max-width: 100%; border: 1px solid #ccd; background: #fff; display: block; margin: .8rem auto; }
nav.pager { display: flex; flex-wrap: wrap; gap: .8rem; align-items: center; }
nav.pager form { display: flex; gap: .4rem; align-items: end; }
.off { color: #aab; }
.progress { color: #7a1f1f; font-weight: 700; }
section.refused { background: #fff; padding: 1rem 1.5rem; border-radius: 6px; }
@media (max-width: 700px) { main { padding: .6rem; } dl { grid-template-columns: 1fr; } }
`;

export const APP_JS = `
// A build takes a second or two: say so, and keep a second click from starting another.
document.addEventListener('submit', function (e) {
  var button = e.submitter;
  if (!button || !button.dataset || !button.dataset.busy) return;
  var progress = document.getElementById('progress');
  if (progress) progress.textContent = button.dataset.busy;
  setTimeout(function () { button.disabled = true; }, 0);
});
`;
