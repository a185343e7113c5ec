import type { Config } from "tailwindcss";

// Loaded from app/globals.css through `@config`: Tailwind 4 reads CSS first, this file holds the theme.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
      },
      // The brand colours live in app/globals.css (@theme), as variables the dark scheme redefines.
    },
  },
};

export default config;
