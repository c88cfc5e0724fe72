// The portal's small page behaviour, in a file because the CSP forbids inline scripts.
(function () {
    'use strict';

    // After a failed submit the error summary lists the problems in the order of the form's
    // fields (the server's list is ordered by input name) and takes the focus, so a screen reader
    // announces it and the keyboard starts there (as the Swedish and UK design systems do).
    function showErrorSummary() {
        var summary = document.getElementById('error-summary');
        if (!summary) {
            return;
        }

        var list = summary.querySelector('ul');
        if (list) {
            var items = Array.prototype.slice.call(list.children);
            var targetOf = function (li) {
                var link = li.querySelector('a[href^="#"]');
                return link ? document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1))) : null;
            };
            var ordered = items
                .map(function (li, index) { return { li: li, target: targetOf(li), index: index }; })
                .sort(function (a, b) {
                    if (!a.target || !b.target) {
                        // Messages about the whole form come first, in the server's order.
                        return a.target === b.target ? a.index - b.index : a.target ? 1 : -1;
                    }

                    if (a.target === b.target) {
                        return a.index - b.index;
                    }

                    return a.target.compareDocumentPosition(b.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
                });
            ordered.forEach(function (entry) { list.appendChild(entry.li); });
        }

        // A message's link puts the cursor in its field (a fragment alone only scrolls).
        summary.addEventListener('click', function (event) {
            var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
            var target = link ? document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1))) : null;
            if (!target) {
                return;
            }

            var field = target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea');
            if (field) {
                // The address still gets the fragment (the browser scrolls there); the cursor goes into the field.
                field.focus({ preventScroll: true });
            }
        });

        summary.focus();
    }

    // On a phone the header's menu, search and user links fold behind "Meny", so the page starts
    // near the top; without the script everything stays open.
    function foldHeaderMenu() {
        var toggle = document.querySelector('.menu-toggle');
        var menu = document.getElementById('site-menu');
        if (!toggle || !menu) {
            return;
        }

        document.documentElement.classList.add('has-menu-toggle');
        toggle.hidden = false;
        toggle.addEventListener('click', function () {
            var open = toggle.getAttribute('aria-expanded') !== 'true';
            toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
            menu.classList.toggle('open', open);
        });
        document.addEventListener('keydown', function (event) {
            if (event.key === 'Escape' && toggle.getAttribute('aria-expanded') === 'true' && menu.contains(document.activeElement)) {
                toggle.click();
                toggle.focus();
            }
        });
    }

    foldHeaderMenu();
    showErrorSummary();
})();
