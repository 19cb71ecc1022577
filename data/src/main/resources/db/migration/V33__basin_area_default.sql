-- A basin written without SUB_AREA (a source that has none) gets its area from its geometry, in
-- km² on the ellipsoid, so that every basin has the area that drainage areas are summed from.
CREATE FUNCTION river_basin_sub_area() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.sub_area_km2 IS NULL THEN
        NEW.sub_area_km2 := ST_Area(NEW.geom::geography) / 1e6;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER river_basin_sub_area BEFORE INSERT ON river_basin
    FOR EACH ROW EXECUTE FUNCTION river_basin_sub_area();
