// A visible character counter under each of the application's area texts, counted as the server
// counts (a line break is one character). The count is part of the text box's description, so a
// screen reader reads it on focus; a polite status message is spoken only when the text comes near
// the round's limit or goes over it, not on every key. No inline script (CSP).
(function () {
    'use strict';

    var form = document.querySelector('form[data-counted]');
    if (!form) {
        return;
    }

    var max = parseInt(form.getAttribute('data-max-characters'), 10) || 25000;
    var status = document.getElementById('char-count-status');
    var numbers = new Intl.NumberFormat('sv-SE');

    function fill(template, values) {
        return template.replace(/\{(\w+)\}/g, function (match, key) {
            return values[key] !== undefined ? values[key] : match;
        });
    }

    function labelOf(box) {
        var label = form.querySelector('label[for="' + box.id + '"]');
        return label ? label.textContent.replace(/\(.*\)/, '').trim() : box.name;
    }

    form.getAttribute('data-counted').split(' ').forEach(function (id) {
        var box = document.getElementById(id);
        if (!box) {
            return;
        }

        var counter = document.createElement('p');
        counter.id = id + '-count';
        counter.className = 'char-count';
        box.insertAdjacentElement('afterend', counter);
        var described = (box.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
        described.push(counter.id);
        box.setAttribute('aria-describedby', described.join(' '));

        var level = null;
        function update() {
            var length = box.value.length; // browsers give line breaks as one character
            var text = fill(form.getAttribute('data-count-text'), { n: numbers.format(length), max: numbers.format(max) });
            var over = length - max;
            if (over > 0) {
                text += ' – ' + fill(form.getAttribute('data-over-text'), { over: numbers.format(over) });
            }

            counter.textContent = text;
            counter.classList.toggle('over', over > 0);
            var now = over > 0 ? 'over' : length >= max * 0.9 ? 'near' : 'ok';
            if (level !== null && now !== level && now !== 'ok' && status) {
                status.textContent = now === 'over'
                    ? fill(form.getAttribute('data-over-announce'), { label: labelOf(box), over: numbers.format(over) })
                    : fill(form.getAttribute('data-near-text'), { label: labelOf(box), left: numbers.format(max - length) });
            }

            level = now;
        }

        box.addEventListener('input', update);
        update();
    });
}());
