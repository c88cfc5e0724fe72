// Suggests similar ideas while the title and problem are typed (progressive enhancement: without
// script, or when search is not there (404) or fails, nothing is shown and the form works as before).
(function () {
  'use strict';
  var form = document.querySelector('form[data-similar-type]');
  if (!form || !window.fetch) { return; }
  var type = form.getAttribute('data-similar-type');
  var title = form.querySelector('#Title');
  var problem = form.querySelector('#f_problem');
  var section = form.querySelector('.similar-ideas');
  var list = form.querySelector('#similar-list');
  var status = document.getElementById('similar-status');
  // Links lead to the idea's own page (where it can be supported); texts come from the page (localised).
  var linkBase = form.getAttribute('data-similar-link');
  var one = form.getAttribute('data-similar-one') || '';
  var many = form.getAttribute('data-similar-many') || '';
  var newTab = form.getAttribute('data-similar-new-tab') || '';
  var timer = null;
  var last = '';

  function text() {
    return ((title ? title.value : '') + ' ' + (problem ? problem.value : '')).trim();
  }

  function show(items) {
    list.textContent = '';
    items.forEach(function (item) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = linkBase && item.id ? linkBase + encodeURIComponent(item.id) : item.url;
      a.textContent = item.title; // text, never HTML
      a.target = '_blank'; // the form stays as typed
      a.rel = 'noopener';
      if (newTab) {
        var hint = document.createElement('span');
        hint.className = 'visually-hidden';
        hint.textContent = ' ' + newTab;
        a.appendChild(hint);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    section.hidden = items.length === 0;
    status.textContent = items.length === 0 ? '' : items.length === 1 ? one : many.replace('{n}', String(items.length));
  }

  function lookUp() {
    var query = text();
    if (query.length < 8 || query === last) { return; }
    last = query;
    fetch('/api/search/similar?type=' + encodeURIComponent(type) + '&count=5&text=' + encodeURIComponent(query.slice(0, 4000)),
      { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) { show(Array.isArray(items) ? items : []); })
      .catch(function () { show([]); });
  }

  [title, problem].forEach(function (input) {
    if (!input) { return; }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 400);
    });
  });
})();
