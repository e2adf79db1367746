/** Product images shipped in public/drops/, offered by the admin form next to a URL field. */
export const bundledImages = [
  { url: "/drops/aurora-runner.svg", label: "Aurora runner (sneaker)" },
  { url: "/drops/golden-ticket.svg", label: "Golden ticket" },
  { url: "/drops/midnight-hoodie.svg", label: "Midnight hoodie" },
] as const;
