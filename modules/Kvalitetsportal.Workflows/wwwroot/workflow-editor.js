// Workflow editor, progressive enhancement only: the form works without this script.
// 1. Puts focus where the last button's change happened (the server names the element).
// 2. Shows only the recipient and timer inputs that apply to the current choice.
// 3. Draws the graph with mermaid under the page's Content-Security-Policy (see docs/adr/0012):
//    style elements mermaid creates get this page's nonce, and style attributes become CSSOM
//    assignments, so nothing needs 'unsafe-inline'.
(() => {
  "use strict";
  const script = document.currentScript;
  const nonce = script ? script.nonce : "";

  const form = document.getElementById("workflow-form");

  // Without this script the buttons' "#fragment" scrolls the next page to the change; with it,
  // focus goes to the exact input instead (a fragment would move focus to the page again).
  document.querySelectorAll("button[formaction]").forEach((button) => {
    const url = button.getAttribute("formaction");
    const hash = url.indexOf("#");
    if (hash >= 0) {
      button.setAttribute("formaction", url.slice(0, hash));
    }
  });

  const focusId = form && form.dataset.focus;
  if (focusId) {
    const target = document.getElementById(focusId);
    if (target) {
      target.focus();
    }
  }

  // Hidden with an attribute the stylesheet knows (not a style attribute, which the policy forbids).
  const toggle = (selectSelector, groupAttribute) => {
    document.querySelectorAll(selectSelector).forEach((select) => {
      const scope = select.closest("fieldset");
      const groups = scope ? scope.querySelectorAll(`[${groupAttribute}]`) : [];
      const update = () => {
        groups.forEach((group) => {
          if (group.closest("fieldset") !== scope) {
            return;
          }
          const wanted = group.getAttribute(groupAttribute).split(" ");
          const show = wanted.includes(select.value);
          group.toggleAttribute("data-hidden-by-script", !show);
        });
      };
      select.addEventListener("change", update);
      update();
    });
  };
  toggle("select[name$='.ToKind']", "data-show-when-recipient");
  toggle("select[name$='.Action']", "data-show-when-action");

  const source = document.getElementById("workflow-graph-source");
  const drawing = document.getElementById("workflow-graph");
  if (!source || !drawing || !window.mermaid) {
    return;
  }

  const draw = async () => {
    window.mermaid.initialize({
      startOnLoad: false,
      // Our source is generated from the form and its labels are plain text (no HTML labels, no
      // click handlers). 'loose' skips mermaid's final re-parse of its own SVG string, which would
      // re-apply style attributes through the HTML parser; we keep mermaid's live drawing instead.
      securityLevel: "loose",
      theme: "neutral",
      flowchart: { htmlLabels: false, useMaxWidth: true },
      fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    });

    const createElement = document.createElement;
    const setAttribute = Element.prototype.setAttribute;
    document.createElement = function (name, options) {
      const element = createElement.call(document, name, options);
      if (nonce && String(name).toLowerCase() === "style") {
        element.setAttribute("nonce", nonce);
      }
      return element;
    };
    Element.prototype.setAttribute = function (name, value) {
      if (String(name).toLowerCase() === "style") {
        this.style.cssText = value;
        return;
      }
      setAttribute.call(this, name, value);
    };

    // mermaid removes its working copy when done; keep the removed, already styled drawing.
    const removed = [];
    const observer = new MutationObserver((records) => records.forEach((r) => removed.push(...r.removedNodes)));
    observer.observe(drawing, { childList: true });
    try {
      await window.mermaid.render("workflow-graph-svg", source.textContent, drawing);
    } finally {
      document.createElement = createElement;
      Element.prototype.setAttribute = setAttribute;
      observer.takeRecords().forEach((r) => removed.push(...r.removedNodes));
      observer.disconnect();
    }

    const svg = removed.map((node) => (node.querySelector ? node.querySelector("svg") : null)).find(Boolean);
    if (svg) {
      svg.setAttribute("focusable", "false");
      drawing.replaceChildren(svg);
      drawing.dataset.drawn = "true";
    }
  };

  draw().catch((error) => {
    drawing.textContent = "Grafen kunde inte ritas. Stegen står i text nedan.";
    drawing.removeAttribute("aria-hidden");
    if (window.console) {
      window.console.warn("workflow graph:", error);
    }
  });
})();
