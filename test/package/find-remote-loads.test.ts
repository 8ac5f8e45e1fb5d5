// The self-containment scanner used on every built zip (issue point 6): it must catch each way a
// page can load from the web, and leave navigation links alone.
import { describe, expect, it } from 'vitest';
import { findRemoteLoads } from './helpers/find-remote-loads.js';

const file = (path: string, text: string): Map<string, Uint8Array> => new Map([[path, new TextEncoder().encode(text)]]);

const REMOTE: readonly (readonly [string, string, string])[] = [
  ['script from a CDN', 'index.html', '<script src="https://cdn.example.com/lib.js"></script>'],
  ['protocol-relative script', 'index.html', "<script src='//cdn.example.com/lib.js'></script>"],
  ['stylesheet link', 'index.html', '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">'],
  ['preload link', 'index.html', '<link rel="preload" as="font" href="http://example.com/f.woff2">'],
  ['remote image', 'index.html', '<img alt="x" src="https://example.com/a.png">'],
  ['remote srcset candidate', 'index.html', '<img alt="x" src="a.png" srcset="a2.png 2x, https://example.com/a3.png 3x">'],
  ['video poster', 'index.html', '<video poster="https://example.com/p.jpg"></video>'],
  ['source and track', 'index.html', '<video><source src="https://example.com/v.mp4"></video>'],
  ['iframe', 'index.html', '<iframe title="t" src="https://www.youtube.com/embed/x"></iframe>'],
  ['object data', 'index.html', '<object data="https://example.com/x.pdf"></object>'],
  ['base href', 'index.html', '<base href="https://example.com/">'],
  ['inline style url()', 'index.html', '<div style="background: url(https://example.com/bg.png)"></div>'],
  ['style block @import', 'index.html', '<style>@import "https://example.com/x.css";</style>'],
  ['inline script fetch', 'index.html', '<script>fetch("https://api.example.com/x")</script>'],
  ['meta refresh', 'index.html', '<meta http-equiv="refresh" content="0; url=https://example.com/">'],
  ['CSS url() web font', 'player.css', '@font-face { font-family: X; src: url("https://fonts.gstatic.com/x.woff2") format("woff2"); }'],
  ['CSS @import url()', 'player.css', '@import url(//example.com/reset.css);'],
  ['JS fetch', 'player.js', 'fetch(`https://lrs.example.com/statements`)'],
  ['JS dynamic import', 'player.js', 'import("https://esm.sh/x")'],
  ['JS static import', 'player.js', 'import x from "https://esm.sh/x";'],
  ['XHR open', 'player.js', 'x.open("GET", "https://example.com/data.json")'],
  ['sendBeacon', 'player.js', 'navigator.sendBeacon("https://example.com/b", d)'],
  ['script injection', 'player.js', 's.src = "https://example.com/a.js"'],
  ['setAttribute src', 'player.js', 'el.setAttribute("src", "//example.com/a.png")'],
  ['SVG external image', 'assets/a.svg', '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/a.png"/></svg>'],
];

const LOCAL: readonly (readonly [string, string, string])[] = [
  ['a hyperlink in text', 'index.html', '<p>See <a href="https://www.ala.org/">the ALA</a>.</p>'],
  ['local script, stylesheet and image', 'index.html', '<script src="player.js"></script><link rel="stylesheet" href="player.css"><img alt="" src="assets/a.svg">'],
  ['data: image', 'index.html', '<img alt="" src="data:image/png;base64,AAAA">'],
  ['URL text in a JSON data block', 'index.html', '<script type="application/json" id="cp-course">{"x":"https://example.com/fetch(\\"https://a\\")"}</script>'],
  ['URL in a comment', 'index.html', '<!-- <script src="https://cdn.example.com/x.js"></script> -->'],
  ['SVG namespace', 'assets/a.svg', '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a href="https://example.com">x</a></svg>'],
  ['createElementNS with the SVG namespace', 'player.js', 'document.createElementNS("http://www.w3.org/2000/svg","svg")'],
  ['local CSS url()', 'player.css', '.x { background: url("assets/bg.png"); }'],
  ['local fetch', 'player.js', 'fetch("data.json")'],
  ['a file that is not HTML, CSS or JS', 'assets/notes.txt', 'fetch("https://example.com")'],
];

describe('findRemoteLoads', () => {
  for (const [name, path, text] of REMOTE) {
    it(`flags ${name}`, () => {
      expect(findRemoteLoads(file(path, text))).not.toEqual([]);
    });
  }
  for (const [name, path, text] of LOCAL) {
    it(`allows ${name}`, () => {
      expect(findRemoteLoads(file(path, text))).toEqual([]);
    });
  }
});
