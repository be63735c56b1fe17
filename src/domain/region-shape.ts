/** One region's outline for a choropleth: rings of [x, y] in the boundary file's coordinates. */
export interface RegionShape {
  code: string;
  name: string;
  /** Polygons, each a list of rings (outer first), each a list of points. */
  polygons: number[][][][];
}
