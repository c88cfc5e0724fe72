// Autosave for drafts: after a change, posts the edit form every 30 seconds to the URL in the
// form's data-autosave-url, then updates the hidden Revision and a polite status message.
// No dependencies and no inline script (the CSP allows only 'self' scripts). Without JavaScript
// the page works as before: the user saves with the buttons.
(function () {
    'use strict';

    var form = document.querySelector('form[data-autosave-url]:not([data-autosave-url=""])');
    if (!form || !window.fetch || !window.FormData) {
        return;
    }

    var url = form.getAttribute('data-autosave-url');
    var failedText = form.getAttribute('data-autosave-failed') || '';
    var status = document.getElementById('autosave-status');
    var intervalMs = 30000;
    var dirty = false;
    var busy = false;
    var stopped = false;

    function say(text) {
        if (status && text) {
            status.textContent = text;
        }
    }

    function markDirty() {
        dirty = true;
    }

    function save() {
        if (!dirty || busy || stopped) {
            return;
        }

        busy = true;
        dirty = false;
        var data = new FormData(form);
        // Files are uploaded when the user saves with a button, not every 30 seconds.
        Array.prototype.forEach.call(form.querySelectorAll('input[type=file]'), function (input) {
            data.delete(input.name);
        });

        fetch(url, {
            method: 'POST',
            body: data,
            credentials: 'same-origin',
            headers: { 'Accept': 'application/json' }
        }).then(function (response) {
            return response.json().then(function (body) {
                return { status: response.status, body: body };
            }, function () {
                return { status: response.status, body: {} };
            });
        }).then(function (result) {
            if (result.status === 200 && result.body.revision !== undefined) {
                var revision = form.querySelector('input[name=Revision]');
                if (revision) {
                    revision.value = String(result.body.revision);
                }
                say(result.body.message);
            } else if (result.status === 400) {
                say(result.body.message); // a format error: wait for the next change
            } else {
                // Someone else saved, the item was sent in, or access ended: stop and let the user decide.
                stopped = true;
                say(result.body.message || failedText);
            }
        }, function () {
            dirty = true; // offline or the server did not answer: try again on the next tick
            say(failedText);
        }).then(function () {
            busy = false;
        });
    }

    form.addEventListener('input', markDirty);
    form.addEventListener('change', markDirty);
    form.addEventListener('submit', function () {
        stopped = true;
    });
    window.setInterval(save, intervalMs);
}());
