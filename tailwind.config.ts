import type { Config } from "tailwindcss";

// Loaded from app/globals.css through `@config`: Tailwind 4 reads CSS first, this file holds the theme.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
      },
      colors: {
        brand: { 50: "#f3f6fb", 100: "#e3eaf5", 600: "#2f5597", 700: "#23447d", 900: "#142a52" },
      },
    },
  },
};

export default config;
