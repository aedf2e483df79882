// Drawing for the Nabla Playground: the decision regions and the data points on a canvas.
// Everything else on the page is rendered by Blazor; this file makes no requests.
window.nablaPlayground = {
  // pixels: side × side RGBA bytes (row 0 at the top); points: x0, y0, x1, y1, …; labels: a class index per point;
  // bounds: [minX, maxX, minY, maxY]; colors: a "#rrggbb" per class.
  drawRegions(canvas, pixels, side, points, labels, bounds, colors) {
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
    for (let i = 0; i < labels.length; i++) {
      const px = (points[2 * i] - minX) / (maxX - minX) * w;
      const py = (maxY - points[2 * i + 1]) / (maxY - minY) * h;
      ctx.beginPath();
      ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
      ctx.fillStyle = colors[labels[i] % colors.length];
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#fff";
      ctx.stroke();
    }
  }
};
