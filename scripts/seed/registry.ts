/** The property registry of a seeded company — communities, buildings, units — planned in memory (no I/O). */
import type { UNIT_TYPES } from "../../db/schema";
import type { Rng } from "./random";

export type UnitType = (typeof UNIT_TYPES)[number];

export interface UnitPlan {
  number: string;
  floor: number;
  areaCentiM2: number;
  type: UnitType;
}

export interface BuildingPlan {
  code: string;
  name: string;
  floors: number;
  residential: UnitPlan[];
  parking: UnitPlan[];
  commercial: UnitPlan[];
}

export interface CommunityPlan {
  name: string;
  address: string;
  buildings: BuildingPlan[];
}

export interface CommunitySpec {
  name: string;
  address: string;
  buildings: number;
  /** How many of its buildings (the first ones) have ground-floor shops. */
  shopBuildings: number;
  shopsPerBuilding: readonly [min: number, max: number];
}

/** Share of flats with a household; the rest stand empty (unsold or not yet handed over). */
const OCCUPANCY = 0.95;
/** Parking spaces per flat, under each building. */
const PARKING_RATIO = 0.2;

/** Flat sizes: two-bedroom, three-bedroom, large three/four-bedroom, penthouse-size. */
const AREA_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[6000, 8999], 35],
  [[9000, 11999], 40],
  [[12000, 14999], 18],
  [[15000, 18000], 7],
];

const HEIGHTS: readonly (readonly [number, number])[] = [
  [6, 1],
  [11, 3],
  [18, 4],
  [26, 2],
  [33, 1],
];
const FLATS_PER_FLOOR: readonly (readonly [number, number])[] = [
  [2, 5],
  [3, 2],
  [4, 2],
];

function planBuilding(rng: Rng, code: string, targetFlats: number, shops: number): BuildingPlan {
  const height = rng.weighted(HEIGHTS);
  const perFloor = rng.weighted(FLATS_PER_FLOOR);
  // Enough entrances (单元) to stay within the height; very low buildings grow taller instead of wider.
  const entrances = Math.min(4, Math.max(1, Math.ceil(targetFlats / (height * perFloor))));
  const residentialFloors = Math.max(2, Math.ceil(targetFlats / (entrances * perFloor)));
  const firstFloor = shops > 0 ? 2 : 1;

  // Flats stacked above each other share a layout, so one area per (entrance, position).
  const residential: UnitPlan[] = [];
  for (let e = 1; e <= entrances; e++) {
    const layouts = Array.from({ length: perFloor }, () => {
      const [lo, hi] = rng.weighted(AREA_BANDS);
      return rng.int(lo, hi);
    });
    for (let f = firstFloor; f < firstFloor + residentialFloors; f++) {
      for (let r = 1; r <= perFloor; r++) {
        residential.push({
          number: `${e}-${f}${String(r).padStart(2, "0")}`,
          floor: f,
          areaCentiM2: layouts[r - 1],
          type: "residential",
        });
      }
    }
  }

  const parking: UnitPlan[] = Array.from({ length: Math.ceil(residential.length * PARKING_RATIO) }, (_, i) => ({
    number: `B1-${String(i + 1).padStart(3, "0")}`,
    floor: -1,
    areaCentiM2: rng.int(1200, 1500),
    type: "parking",
  }));

  const commercial: UnitPlan[] = Array.from({ length: shops }, (_, i) => ({
    number: `S-${101 + i}`,
    floor: 1,
    areaCentiM2: rng.int(4500, 16000),
    type: "commercial",
  }));

  return { code, name: `${code}栋`, floors: firstFloor - 1 + residentialFloors, residential, parking, commercial };
}

/** Lays out the communities with enough flats for `households` at about 95 % occupancy. */
export function planRegistry(rng: Rng, specs: readonly CommunitySpec[], households: number): CommunityPlan[] {
  const buildingCount = specs.reduce((n, c) => n + c.buildings, 0);
  const targetFlats = Math.max(2, Math.ceil(households / buildingCount / OCCUPANCY));
  return specs.map((spec) => ({
    name: spec.name,
    address: spec.address,
    buildings: Array.from({ length: spec.buildings }, (_, b) =>
      planBuilding(rng, String(b + 1), targetFlats, b < spec.shopBuildings ? rng.int(...spec.shopsPerBuilding) : 0),
    ),
  }));
}
