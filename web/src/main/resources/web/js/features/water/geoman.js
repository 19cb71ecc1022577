/* leaflet-geoman for the watershed feature: the one shared loader (js/map/geoman.js). */
export { loadGeoman } from "../../map/geoman.js";
