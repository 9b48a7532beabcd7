// DemoShop single-page app: plain JavaScript, no build step.
// Signals for crawlers/tests (on document.body.dataset):
//   loading="1"   while an API request is in flight
//   pages="N"     number of listing pages loaded so far
//   exhausted="1" when the listing API has no more pages
//   ready="1"     when an item page has finished rendering (also after a failed load,
//                 together with error="not-found" or error="failed")
(function () {
  "use strict";
  var PAGE_SIZE = 24;
  var SCHEMA = "https://schema.org/";
  var body = document.body;
  var app = document.getElementById("app");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function money(price, currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: "currency", currency: currency })
        .format(Number(price));
    } catch (err) {
      return price + " " + currency;
    }
  }

  function getJSON(url) {
    body.dataset.loading = "1";
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      delete body.dataset.loading;
      if (!response.ok) {
        var error = new Error("HTTP " + response.status);
        error.status = response.status;
        throw error;
      }
      return response.json();
    }, function (err) {
      delete body.dataset.loading;
      throw err;
    });
  }

  // The product grid with infinite scroll: all products, or (query given) the search's results.
  function listingPage(query) {
    var grid = el("div", { id: "product-grid", class: "product-grid" });
    var sentinel = el("div", { id: "scroll-sentinel", class: "scroll-sentinel" }, "Loading…");
    var api = query === null ? "/shop/api/listings?" : "/shop/api/search?q=" + encodeURIComponent(query) + "&";
    app.appendChild(el("h1", { class: "shop-heading" },
      query === null ? "All products" : "Results for \u201c" + query + "\u201d"));
    app.appendChild(grid);
    app.appendChild(sentinel);
    var cursor = "";
    var busy = false;
    var done = false;
    var pages = 0;

    function nearBottom() {
      var rect = sentinel.getBoundingClientRect();
      return rect.top < window.innerHeight + 200;
    }

    function renderCard(item) {
      var link = el("a", { class: "product-card", href: item.url, "data-id": item.id });
      link.appendChild(el("img", { class: "product-thumb", src: item.image, alt: "" }));
      link.appendChild(el("span", { class: "product-title" }, item.title));
      link.appendChild(el("span", { class: "product-price" }, money(item.price, item.currency)));
      link.appendChild(el("span", { class: "product-location" }, item.location));
      grid.appendChild(link);
    }

    function loadMore() {
      if (busy || done) { return; }
      busy = true;
      var url = api + "limit=" + PAGE_SIZE +
        (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
      getJSON(url).then(function (data) {
        data.items.forEach(renderCard);
        pages += 1;
        body.dataset.pages = String(pages);
        busy = false;
        if (data.next_cursor) {
          cursor = data.next_cursor;
          if (nearBottom()) { loadMore(); }
        } else {
          done = true;
          sentinel.textContent = grid.childElementCount ? "No more products" : "No products found";
          body.dataset.exhausted = "1";
        }
      }, function () {
        busy = false;
        sentinel.textContent = "Could not load products";
      });
    }

    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) { loadMore(); }
      }, { rootMargin: "200px" }).observe(sentinel);
    }
    window.addEventListener("scroll", function () { if (nearBottom()) { loadMore(); } },
      { passive: true });
    loadMore();
  }

  function itemPage(id) {
    getJSON("/shop/api/items/" + encodeURIComponent(id)).then(function (item) {
      var product = el("article", {
        id: "product", class: "product-detail", itemscope: "",
        itemtype: SCHEMA + "Product",
      });
      product.appendChild(el("h1", { class: "product-name", itemprop: "name" }, item.title));
      var gallery = el("div", { class: "product-gallery" });
      item.images.forEach(function (src) {
        gallery.appendChild(el("img", {
          class: "product-image", itemprop: "image", src: location.origin + src, alt: item.title,
          "data-full": location.origin + src.replace("/img/", "/img/full/"),
        }));
      });
      product.appendChild(gallery);
      product.appendChild(el("p", { class: "product-sku" }, "SKU: ")).appendChild(
        el("span", { itemprop: "sku" }, item.id));
      product.appendChild(el("div", { class: "product-description", itemprop: "description" },
        item.description));

      var offer = el("div", {
        class: "product-offer", itemprop: "offers", itemscope: "", itemtype: SCHEMA + "Offer",
      });
      var price = el("p", { class: "product-price" });
      price.appendChild(el("span", { class: "price", itemprop: "price", content: item.price },
        money(item.price, item.currency)));
      price.appendChild(el("meta", { itemprop: "priceCurrency", content: item.currency }));
      offer.appendChild(price);
      var availability = el("p", { class: "product-availability" });
      availability.appendChild(el("link", {
        itemprop: "availability", href: SCHEMA + item.availability,
      }));
      availability.appendChild(document.createTextNode(item.availability));
      offer.appendChild(availability);
      var posted = el("p", { class: "product-posted" }, "Listed ");
      posted.appendChild(el("time", { itemprop: "validFrom", datetime: item.posted_at },
        item.posted_at.slice(0, 10)));
      offer.appendChild(posted);
      var seller = el("div", {
        class: "product-seller", itemprop: "seller", itemscope: "", itemtype: SCHEMA + "Person",
      });
      seller.appendChild(document.createTextNode("Sold by "));
      seller.appendChild(el("span", { class: "seller-name", itemprop: "name" }, item.seller.name));
      seller.appendChild(el("meta", { itemprop: "identifier", content: item.seller.id }));
      offer.appendChild(seller);
      var place = el("div", {
        class: "product-location", itemprop: "availableAtOrFrom", itemscope: "",
        itemtype: SCHEMA + "Place",
      });
      place.appendChild(document.createTextNode("Ships from "));
      place.appendChild(el("span", { itemprop: "name" }, item.location));
      offer.appendChild(place);
      product.appendChild(offer);

      app.appendChild(product);
      document.title = item.title + " | DemoShop";
      body.dataset.ready = "1";
    }, function (err) {
      app.appendChild(el("h1", { class: "not-found" }, "Product not found"));
      document.title = "Not found | DemoShop";
      body.dataset.error = err.status === 404 ? "not-found" : "failed";
      body.dataset.ready = "1";
    });
  }

  var match = location.pathname.match(/^\/shop\/item\/([^/]+)$/);
  if (match) {
    itemPage(decodeURIComponent(match[1]));
  } else if (location.pathname === "/shop/search") {
    var search = document.querySelector("#shop-search input[name=q]");
    var query = new URLSearchParams(location.search).get("q") || "";
    search.value = query;
    listingPage(query);
  } else {
    listingPage(null);
  }
}());
