// Renders any list of Janua tags on the page, for the browser security suite. The spec decides
// which tags (every tag the kit defines) and what hostile text goes into their attributes.
import '/janua.js';

const api = document.documentElement.dataset.api;

/** Attributes that take URLs, locales or the API: never set to the hostile text. */
const SKIP = /^(api|client|locale|lang|dir|href|src|.*-url|redirect.*|.*-uri)$/;

window.januaApi = api;

/**
 * @param {{ tag: string, attributes: string[] }[]} elements
 * @param {string} payload
 */
window.renderTags = (elements, payload) => {
  const stage = document.getElementById('stage');
  stage.replaceChildren();
  for (const { tag, attributes } of elements) {
    const section = document.createElement('section');
    section.dataset.tag = tag;
    const el = document.createElement(tag);
    el.setAttribute('api', api);
    for (const name of attributes) if (!SKIP.test(name)) el.setAttribute(name, payload);
    section.append(el);
    stage.append(section);
  }
  return elements.length;
};

window.januaReady = true;
