// Draws the events of an `annals timeline` page with vis-timeline.
//
// Input: the JSON in #annals-data (written by tools/timeline_data.cc):
//   {title, summary, group: "actor"|"type"|"none", lanes: [{name, count}],
//    events: [{id, time, start, end, approx, uncertain, type, title, actors: [{name, role}],
//              location, source, lanes: [lane index]}]}
// `start`/`end` are the engine's half-open span in milliseconds UTC, null when open; `time` is
// the stored EDTF text exactly as `annals export` prints it.
//
// Contract with the page's readers (tests and users' scripts):
// - every drawn item holds one element [data-event-id] whose `title` is the stored time and whose
//   text starts with it; an event in several lanes is drawn once per lane;
// - the view starts fitted to the known extent of all events, so every event is drawn;
// - open ends are never given a date: their bars are stretched past the edge of the current view
//   on every range change and labelled `ongoing` / `until …`;
// - a span narrower than POINT_PX at the current zoom is drawn as a point, else as a bar.
(function () {
  'use strict';
  var POINT_PX = 40;
  var OPEN_OVERHANG_PX = 20;
  var LABEL_ROOM_PX = 170;  // right of the last event, for the label of a point drawn there
  var OPEN_ROOM_PX = 150;
  var HOUR_MS = 3600 * 1000;
  var YEAR_MS = 365.2425 * 24 * HOUR_MS;

  var data = JSON.parse(document.getElementById('annals-data').textContent);
  var container = document.getElementById('timeline');
  var details = document.getElementById('details');
  document.getElementById('summary').textContent = data.summary;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // "since 2022-02-24, ongoing" / "until 1991-12": the open side in words, never a date.
  function openLabel(ev) {
    var parts = ev.time.split('/');
    if (ev.start === null && ev.end === null) return 'open at both ends';
    if (ev.end === null) return 'since ' + parts[0] + ', ongoing';
    if (ev.start === null) return 'until ' + parts[1];
    return '';
  }

  function itemElement(ev) {
    var span = el('span', 'ev');
    span.setAttribute('data-event-id', ev.id);
    span.title = ev.time;
    var open = openLabel(ev);
    span.setAttribute('aria-label', ev.time + (open ? ' (' + open + ')' : '') + ': ' + ev.title);
    span.appendChild(el('span', 't', ev.time));
    if (open) span.appendChild(el('span', 'open', open));
    span.appendChild(document.createTextNode(ev.title || ev.id));
    return span;
  }

  // The window that shows every event's known ends: LABEL_ROOM_PX to the right for labels, and
  // OPEN_ROOM_PX beside the known end of an open-ended event so that its bar is seen to run on.
  // A JavaScript Date holds ±8.64e15 ms (±271,821 years); Annals' times reach ±290,000 years.
  var JS_DATE_LIMIT_MS = 8.64e15;

  function fittedWindow() {
    var lo = Infinity, hi = -Infinity, openStart = false;
    data.events.forEach(function (ev) {
      [ev.start, ev.end].forEach(function (t) {
        if (t !== null) { lo = Math.min(lo, t); hi = Math.max(hi, t); }
      });
      openStart = openStart || ev.start === null;
    });
    if (lo === Infinity) { lo = Date.UTC(2000, 0, 1); hi = lo + YEAR_MS; }
    hi = Math.max(hi, lo + HOUR_MS);
    var widthPx = Math.max((container.clientWidth || 960) - (data.group === 'none' ? 0 : 130), 600);
    var left = openStart ? OPEN_ROOM_PX : 16;
    var msPerPx = (hi - lo) / (widthPx - LABEL_ROOM_PX - left);
    return {start: lo - left * msPerPx, end: hi + LABEL_ROOM_PX * msPerPx};
  }

  function classesOf(ev) {
    var names = [];
    if (ev.approx) names.push('approx');
    if (ev.uncertain) names.push('uncertain');
    if (ev.start === null) names.push('open-start');
    if (ev.end === null) names.push('open-end');
    return names.join(' ');
  }

  // The item's drawn extent for the window [w0, w1] of `widthPx` pixels.
  function extentIn(ev, w0, w1, widthPx) {
    var overhang = (w1 - w0) / Math.max(widthPx, 1) * OPEN_OVERHANG_PX;
    var start = ev.start === null ? Math.min(w0 - overhang, ev.end - overhang) : ev.start;
    var end = ev.end === null ? Math.max(w1 + overhang, ev.start + overhang) : ev.end;
    var open = ev.start === null || ev.end === null;
    var point = !open && (end - start) / (w1 - w0) * widthPx < POINT_PX;
    if (point) return {type: 'point', start: new Date(start + (end - start) / 2), end: undefined};
    return {type: 'range', start: new Date(start), end: new Date(end)};
  }

  var fit = fittedWindow();
  var items = [];
  var eventOfItem = [];
  data.events.forEach(function (ev) {
    var lanes = data.group === 'none' ? [null] : ev.lanes;
    lanes.forEach(function (lane) {
      var item = {id: items.length, className: classesOf(ev)};
      if (lane !== null) item.group = lane;
      items.push(item);
      eventOfItem.push(ev);
    });
  });

  function place(w0, w1) {
    var widthPx = container.clientWidth || 960;
    var changed = [];
    items.forEach(function (item) {
      var next = extentIn(eventOfItem[item.id], w0, w1, widthPx);
      var endMs = next.end ? next.end.getTime() : undefined;
      var oldEnd = item.end ? item.end.getTime() : undefined;
      if (item.type === next.type && item.start && item.start.getTime() === next.start.getTime() &&
          oldEnd === endMs) {
        return;
      }
      item.type = next.type;
      item.start = next.start;
      item.end = next.end;
      changed.push({id: item.id, type: item.type, start: item.start, end: item.end});
    });
    return changed;
  }

  if (data.events.length === 0) {
    container.appendChild(el('p', 'empty', 'No events match this query.'));
    return;
  }

  place(fit.start, fit.end);
  var dataset = new vis.DataSet(items.map(function (item) {
    return {id: item.id, type: item.type, start: item.start, end: item.end,
            group: item.group, className: item.className};
  }));
  var span = fit.end - fit.start;
  var options = {
    start: new Date(fit.start),
    end: new Date(fit.end),
    zoomMin: HOUR_MS,
    zoomMax: Math.max(100 * YEAR_MS, span * 3),
    // BCE and extended years are drawn too: the only bound is what a JavaScript Date holds.
    min: new Date(Math.max(fit.start - span * 2, -JS_DATE_LIMIT_MS)),
    max: new Date(Math.min(fit.end + span * 2, JS_DATE_LIMIT_MS)),
    stack: data.events.length <= 4000,
    orientation: {axis: 'both', item: 'top'},
    margin: {item: {horizontal: 0, vertical: 3}, axis: 6},
    selectable: true,
    showCurrentTime: false,
    zoomKey: 'ctrlKey',
    horizontalScroll: true,
    // No height: the timeline grows to hold every lane and #timeline scrolls. vis-timeline skips
    // drawing lanes outside its own viewport, and every event must be in the DOM once fitted.
    template: function (item) { return itemElement(eventOfItem[item.id]); },
    groupTemplate: function (group) {
      var label = el('span', 'lane', group.name + ' ');
      label.setAttribute('data-lane', group.name);
      label.appendChild(el('small', '', '(' + group.count + ')'));
      return label;
    },
  };
  var timeline;
  if (data.group === 'none') {
    timeline = new vis.Timeline(container, dataset, options);
  } else {
    var groups = new vis.DataSet(data.lanes.map(function (lane, index) {
      return {id: index, name: lane.name, count: lane.count, content: lane.name};
    }));
    timeline = new vis.Timeline(container, dataset, groups, options);
  }
  document.documentElement.setAttribute('data-annals-events', String(data.events.length));

  timeline.on('rangechanged', function (props) {
    var changed = place(props.start.getTime(), props.end.getTime());
    if (changed.length) dataset.update(changed);
  });

  function showDetails(ev) {
    details.textContent = '';
    details.appendChild(el('h2', '', ev.title || ev.id));
    var list = el('dl');
    function row(name, value) {
      if (!value) return;
      list.appendChild(el('dt', '', name));
      var dd = el('dd');
      if (typeof value === 'string') dd.textContent = value; else dd.appendChild(value);
      list.appendChild(dd);
    }
    var open = openLabel(ev);
    row('Time', ev.time + (open ? ' (' + open + ')' : ''));
    row('Type', ev.type);
    if (ev.actors.length) {
      var ul = el('ul');
      ev.actors.forEach(function (a) {
        ul.appendChild(el('li', '', a.role ? a.name + ' (' + a.role + ')' : a.name));
      });
      row('Actors', ul);
    }
    row('Location', ev.location);
    if (ev.source && /^https?:\/\//i.test(ev.source)) {
      var link = el('a', '', ev.source);
      link.href = ev.source;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      row('Source', link);
    } else {
      row('Source', ev.source);
    }
    row('Id', ev.id);
    details.appendChild(list);
  }
  timeline.on('select', function (props) {
    if (props.items.length) showDetails(eventOfItem[props.items[0]]);
  });
  timeline.on('itemover', function (props) { showDetails(eventOfItem[props.item]); });

  function fitAll() { timeline.setWindow(fit.start, fit.end, {animation: false}); }
  document.getElementById('fit').addEventListener('click', fitAll);
  document.getElementById('zoom-in').addEventListener('click', function () { timeline.zoomIn(0.5); });
  document.getElementById('zoom-out').addEventListener('click', function () { timeline.zoomOut(0.5); });
  window.addEventListener('beforeprint', function () { fitAll(); timeline.redraw(); });
})();
