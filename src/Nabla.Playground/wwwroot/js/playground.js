// Drawing for the Nabla Playground: the decision regions and the data points on a canvas, the hidden units' maps,
// and saving the pictures as files.
// Everything else on the page is rendered by Blazor; this file makes no requests.
// A click on a unit of the network diagram chooses it in the unit panel's list (#unit-pick), as the keyboard would.
document.addEventListener("click", e => {
  const unit = e.target instanceof Element ? e.target.closest("#diagram g.unit") : null;
  const pick = document.getElementById("unit-pick");
  if (!unit || !pick) return;
  pick.value = unit.dataset.layer + ":" + unit.dataset.unit;
  pick.dispatchEvent(new Event("change", { bubbles: true }));
  document.getElementById("unit-panel")?.scrollIntoView({ block: "start" });
});
window.nablaPlayground = {
  // Saves text as a file the browser downloads.
  download(name, text, type) {
    this.saveBlob(name, new Blob([text], { type: type || "application/json" }));
  },
  // Saves a Blob as a file the browser downloads (a blob: URL, made and revoked here; nothing is sent anywhere).
  saveBlob(name, blob) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  },
  // The element at a CSS selector, or an error naming it.
  find(selector) {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`there is no ${selector} on the page yet`);
    return element;
  },
  // An <svg> of the page as a standalone SVG file's text: its namespace, its size, a title and a white background.
  standaloneSvg(svg, title) {
    const ns = "http://www.w3.org/2000/svg";
    const copy = svg.cloneNode(true);
    const { width, height } = this.svgSize(svg);
    copy.setAttribute("xmlns", ns);
    if (!copy.hasAttribute("width") || !copy.hasAttribute("height")) {
      copy.setAttribute("width", width);
      copy.setAttribute("height", height);
    }
    if (!copy.hasAttribute("font-family")) copy.setAttribute("font-family", "system-ui, sans-serif"); // (the page's font, which the file cannot inherit)
    copy.removeAttribute("role");
    copy.removeAttribute("aria-label");
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT); // (the page's rendering marks, of no use in a file)
    const comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    comments.forEach(c => c.remove());
    const background = document.createElementNS(ns, "rect");
    background.setAttribute("width", "100%");
    background.setAttribute("height", "100%");
    background.setAttribute("fill", "#fff");
    copy.insertBefore(background, copy.firstChild);
    const heading = document.createElementNS(ns, "title");
    heading.textContent = title;
    copy.insertBefore(heading, copy.firstChild);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy) + "\n";
  },
  // An <svg>'s drawing size: its viewBox, else its width and height.
  svgSize(svg) {
    const box = svg.viewBox && svg.viewBox.baseVal;
    if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
    return { width: svg.width.baseVal.value, height: svg.height.baseVal.value };
  },
  // Saves the <svg> at selector as an SVG file.
  saveSvg(selector, name, title) {
    this.download(name, this.standaloneSvg(this.find(selector), title), "image/svg+xml");
  },
  // Saves the <svg> at selector as a PNG file, drawn at twice its size on white through an Image (a data: URL, nothing is fetched).
  async savePng(selector, name, title) {
    const svg = this.find(selector);
    const { width, height } = this.svgSize(svg);
    const image = new Image();
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(this.standaloneSvg(svg, title));
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(2 * width);
    canvas.height = Math.round(2 * height);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    this.saveBlob(name, await this.pngOf(canvas));
  },
  // Saves the <canvas> at selector as a PNG file.
  async saveCanvas(selector, name) {
    this.saveBlob(name, await this.pngOf(this.find(selector)));
  },
  pngOf(canvas) {
    return new Promise((resolve, reject) => canvas.toBlob(b => b ? resolve(b) : reject(new Error("the browser made no PNG")), "image/png"));
  },
  // pixels: side × side RGBA bytes per hidden unit, one unit after another, in the order of the container's canvases.
  drawUnitMaps(container, pixels, side) {
    if (!container) return;
    const canvases = container.querySelectorAll("canvas");
    const size = side * side * 4;
    const bytes = new Uint8ClampedArray(pixels);
    for (let k = 0; k < canvases.length && (k + 1) * size <= bytes.length; k++) {
      const image = new ImageData(bytes.subarray(k * size, (k + 1) * size), side, side);
      canvases[k].getContext("2d").putImageData(image, 0, 0);
    }
  },
  points: [],
  labels: [],
  // pixels: side × side RGBA bytes (row 0 at the top); points: x0, y0, x1, y1, … and labels: a class index per
  // point, or null for those of the last call; bounds: [minX, maxX, minY, maxY]; colors: a "#rrggbb" per class.
  drawRegions(canvas, pixels, side, points, labels, bounds, colors) {
    if (points && labels) {
      this.points = points;
      this.labels = labels;
    }
    points = this.points;
    labels = this.labels;
    if (!canvas) return;
    const ctx = canvas.getContext("2d");
    const w = canvas.width, h = canvas.height;
    const cells = document.createElement("canvas");
    cells.width = side;
    cells.height = side;
    const image = new ImageData(new Uint8ClampedArray(pixels), side, side);
    cells.getContext("2d").putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(cells, 0, 0, w, h);
    const [minX, maxX, minY, maxY] = bounds;
    const radius = labels.length <= 20 ? 8 : 4; // a logic gate's four points large, a toy set's many small
    for (let i = 0; i < labels.length; i++) {
      const px = (points[2 * i] - minX) / (maxX - minX) * w;
      const py = (maxY - points[2 * i + 1]) / (maxY - minY) * h;
      ctx.beginPath();
      ctx.arc(px, py, radius, 0, 2 * Math.PI);
      ctx.fillStyle = colors[labels[i] % colors.length];
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#1b1b1b"; // a dark rim: a point stands out on a region of its own colour
      ctx.stroke();
    }
  }
};
