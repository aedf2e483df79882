// Drawing for the Nabla Playground: the decision regions and the data points on a canvas.
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
  // Saves text as a file the browser downloads (a blob: URL, made and revoked here; nothing is sent anywhere).
  download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type: type || "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
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
