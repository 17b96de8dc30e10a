/* eslint-disable no-undef */
// Builds the task pane (addin/) into dist/, and serves it on https://localhost:3000 for Excel,
// following Microsoft's React task-pane template.
//   npm run build        production bundle in dist/ (ADDIN_URL=https://host/path/ rewrites the manifest's URLs)
//   npm run dev-server   https://localhost:3000 with office-addin-dev-certs certificates
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const urlDev = "https://localhost:3000/";

async function getHttpsOptions() {
  // Installs a trusted localhost certificate on first use (asks for permission).
  const devCerts = require("office-addin-dev-certs");
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode !== "production";
  const urlProd = process.env.ADDIN_URL || urlDev;
  const serve = !!env.WEBPACK_SERVE;
  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    entry: { taskpane: "./addin/index.tsx" },
    output: {
      path: env.outputPath ? path.resolve(env.outputPath) : path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // Type checking is `npm run typecheck`; here only transpile, as ES modules so that
              // unused Fluent UI code is dropped and ExcelJS goes in its own chunk.
              transpileOnly: true,
              compilerOptions: { module: "esnext", noEmit: false, sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./addin/taskpane.html", chunks: ["taskpane"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "addin/commands.html", to: "commands.html" },
          { from: "addin/help.html", to: "help.html" },
          // The bundled letter templates, fetched by the pane when letters are made (addin/letters-run.ts).
          { from: "rules/letters", to: "letters" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : content.toString().replaceAll(urlDev, urlProd)),
          },
        ],
      }),
    ],
    performance: { maxEntrypointSize: 1_500_000, maxAssetSize: 1_500_000 },
    devServer: {
      // Only this machine can reach the dev server, and no other site may read from it (no CORS header):
      // Excel loads the pane from https://localhost:3000 itself.
      host: "localhost",
      allowedHosts: ["localhost"],
      server: serve && !process.env.CI ? { type: "https", options: await getHttpsOptions() } : "http",
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      open: false,
    },
  };
};
