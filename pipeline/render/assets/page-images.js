/* The HTML edition's page images (linked only by a book that has them): the page number in the
   margin is a link to its page's image (pages/...), which this script opens beside the text (on a
   narrow screen, in a dialog over it) with the page's first line outlined; "Close page image" or
   Escape closes it and gives the focus back to the page number. Without the script the link leads
   to the image itself. */
"use strict";

(function () {
  var parts = null;
  var opener = null;

  function element(tag, className) {
    var made = document.createElement(tag);
    made.className = className;
    return made;
  }

  function build() {
    var viewer = element("dialog", "page-viewer");
    viewer.setAttribute("aria-labelledby", "page-viewer-title");
    var bar = element("div", "page-viewer-bar");
    var title = element("p", "page-viewer-title");
    title.id = "page-viewer-title";
    var close = element("button", "page-viewer-close");
    close.type = "button";
    close.textContent = "Close page image";
    close.addEventListener("click", function () {
      viewer.close();
    });
    bar.append(title, close);
    var frame = element("div", "page-viewer-frame");
    var image = element("img", "page-viewer-image");
    var line = element("span", "page-viewer-line");
    frame.append(image, line);
    var hint = element("p", "page-viewer-hint");
    hint.textContent = "The outlined line is where the page begins.";
    viewer.append(bar, frame, hint);
    viewer.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        viewer.close();
      }
    });
    viewer.addEventListener("close", function () {
      document.documentElement.classList.remove("page-viewer-open");
      if (opener) opener.focus();
      opener = null;
    });
    document.querySelector("main").appendChild(viewer);
    return {viewer: viewer, title: title, close: close, frame: frame, image: image, line: line, hint: hint};
  }

  function open(link) {
    parts = parts || build();
    var size = link.dataset.size.split(" ");
    var box = link.dataset.line ? link.dataset.line.split(" ") : null;
    parts.title.textContent = "Page " + link.dataset.page;
    parts.image.alt = "Page " + link.dataset.page + " of the printed book";
    parts.image.width = Number(size[0]);
    parts.image.height = Number(size[1]);
    parts.image.src = link.href;
    parts.frame.style.setProperty("--page-ratio", size[0] / size[1]);
    parts.line.hidden = parts.hint.hidden = !box;
    if (box) {
      ["left", "top", "width", "height"].forEach(function (edge, index) {
        parts.line.style[edge] = box[index] + "%";
      });
    }
    opener = link;
    if (!parts.viewer.open) {
      if (window.matchMedia("(min-width: 50em)").matches) {
        parts.viewer.show();
        document.documentElement.classList.add("page-viewer-open");
      } else {
        parts.viewer.showModal();
      }
    }
    parts.close.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.page-image");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    open(link);
  });
})();
