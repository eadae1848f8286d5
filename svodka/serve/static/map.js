// svodka's event map: draws the GeoJSON of /api/map (located events) as points over the country outlines of
// the npm package world-atlas, projected with d3-geo — both installed by the Makefile into static/vendor/ and
// served by svodka, so nothing is loaded from elsewhere. Without them the points are drawn on a plain
// equirectangular frame. A point grows with the articles reporting the event; cooperation
// (QuadClass 1–2) is green, conflict (3–4) red, as on the timeline; each point links to its article.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function json(url) {
    return fetch(url, {credentials: "same-origin"}).then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }

  function projectionFor(width, height, land, points, small) {
    if (!(window.d3 && d3.geoNaturalEarth1)) {
      return function (p) { return [(p[0] + 180) / 360 * width, (90 - p[1]) / 180 * height]; };
    }
    var projection = d3.geoNaturalEarth1();
    var distinct = {};
    points.forEach(function (p) { distinct[p.join(",")] = true; });
    if (small && Object.keys(distinct).length > 1) {
      projection.fitExtent([[30, 30], [width - 30, height - 30]], {type: "MultiPoint", coordinates: points});
      if (projection.scale() > 2000) projection.scale(2000);
    } else {
      projection.fitSize([width, height], land || {type: "Sphere"});
    }
    return projection;
  }

  function draw(box, data, world) {
    var status = box.querySelector(".map-status");
    var features = (data && data.features) || [];
    var small = box.classList.contains("map-small");
    if (!features.length) {
      if (small) { box.hidden = true; } else { status.textContent = box.getAttribute("data-empty"); }
      return;
    }
    var width = 960, height = small ? 420 : 500;
    var land = world && window.topojson ? topojson.feature(world, world.objects.countries) : null;
    var points = features.map(function (f) { return f.geometry.coordinates; });
    var projection = projectionFor(width, height, land, points, small);
    var svg = el("svg", {viewBox: "0 0 " + width + " " + height, "class": "map-svg", role: "img",
                         "aria-label": box.getAttribute("data-label")});
    box.insertBefore(svg, status);
    if (land && projection.scale) {
      var path = d3.geoPath(projection);
      var countries = el("g", {"class": "map-land"}, svg);
      el("path", {d: path({type: "Sphere"}), "class": "map-sea"}, countries);
      land.features.forEach(function (f) { el("path", {d: path(f), "class": "map-country"}, countries); });
    }
    var layer = el("g", {"class": "map-points"}, svg);
    features.slice().sort(function (a, b) { return b.properties.articles - a.properties.articles; })
      .forEach(function (f) {
        var xy = projection(f.geometry.coordinates);
        if (!xy || isNaN(xy[0])) return;
        var p = f.properties;
        var link = el("a", {href: "/article/" + encodeURIComponent(p.article || "")}, layer);
        var dot = el("circle", {cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (3 + 3 * Math.sqrt(p.articles || 1)).toFixed(1),
                                "class": "map-point " + (p.quad_class >= 3 ? "map-conflict" : "map-coop"),
                                "data-place": p.place || ""}, link);
        var title = el("title", {}, dot);
        title.textContent = [p.date || "", p.type + (p.cameo ? " " + p.cameo : ""), p.place || "",
                             (p.source || []).concat(p.target || []).join(", "), p.title || ""].join(" · ");
      });
    box.setAttribute("data-points", String(layer.childNodes.length));
    status.textContent = features.length + " " + box.getAttribute("data-shown");
  }

  function start() {
    var boxes = document.querySelectorAll(".map[data-src]");
    if (!boxes.length) return;
    var outlines = boxes[0].getAttribute("data-outlines");
    var world = outlines ? json(outlines) : Promise.resolve(null);
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.getAttribute("data-drawing")) return;        // a page with two maps loads this script twice
      box.setAttribute("data-drawing", "1");
      Promise.all([json(box.getAttribute("data-src")), world]).then(function (r) { draw(box, r[0], r[1]); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
