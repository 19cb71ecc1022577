package gridmap.server.cases;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import gridmap.data.cases.CalendarRepository;
import gridmap.data.cases.CaseStatus;
import gridmap.data.cases.CategoryRepository;
import gridmap.data.cases.Deadline;
import gridmap.data.cases.DepartmentRepository;
import gridmap.data.cases.ReferenceData;
import gridmap.data.cases.WorkingCalendar;
import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import gridmap.server.http.ApiException;
import gridmap.server.http.Json;
import gridmap.server.http.Params;
import gridmap.server.http.RequestIds;
import gridmap.server.http.RouteGroup;
import gridmap.server.http.Routes;
import gridmap.server.http.Text;
import io.javalin.http.Context;

/** Reference data of the case workflow: categories with their deadlines, departments, the working calendar. */
public final class CaseAdminRoutes implements RouteGroup {
    private final CategoryRepository categories;
    private final DepartmentRepository departments;
    private final CalendarRepository calendar;
    private final ReferenceData reference;
    private final Access access;

    public CaseAdminRoutes(DataSource ds, ReferenceData reference, Access access) {
        this.categories = new CategoryRepository(ds);
        this.departments = new DepartmentRepository(ds);
        this.calendar = new CalendarRepository(ds);
        this.reference = reference;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        Routes.Guard admin = Routes.needs(Permission.ADMIN);
        r.get("/api/categories", Routes.needs(Permission.MAP_READ), this::listCategories, "all");
        r.put("/api/categories/{code}", admin, this::saveCategory);
        r.get("/api/departments", Routes.needs(Permission.CASES_READ), this::listDepartments);
        r.post("/api/departments", admin, this::createDepartment);
        r.put("/api/departments/{id}", admin, this::updateDepartment);
        r.get("/api/calendar/{year}", Routes.needs(Permission.CASES_READ), this::year);
        r.put("/api/calendar/{year}", admin, this::saveYear);
    }

    void listCategories(Context ctx, Params p) throws Exception {
        String all = p.string("all");
        if (all != null && !all.equals("true") && !all.equals("false")) throw ApiException.badRequest("all must be true or false");
        CaseRoutes.json(ctx, categories.json(!"true".equals(all)));
    }

    record DeadlineBody(Integer amount, String unit) {}

    record CategoryBody(String kind, String majorName, String name, String nameEn, Boolean active, Long departmentId,
                        Map<String, DeadlineBody> deadlines, Integer version) {}

    void saveCategory(Context ctx, Params p) throws Exception {
        String code = ctx.pathParam("code");
        if (!code.matches("\\d{4}")) throw ApiException.badRequest("a category code is 4 digits: 2 for the major class, 2 for the minor");
        CategoryBody b = Json.body(ctx, CategoryBody.class);
        String kind = CaseRequests.oneOf("kind", b.kind(), java.util.Set.of("event", "component"), null);
        if (kind == null) throw ApiException.badRequest("kind (event or component) is required");
        if (b.deadlines() == null) throw ApiException.badRequest("deadlines for register, dispatch, handle and verify are required");
        Map<CaseStatus.Step, Deadline> d = new EnumMap<>(CaseStatus.Step.class);
        for (var e : b.deadlines().entrySet()) {
            CaseStatus.Step step = CaseStatus.Step.byDb(e.getKey()).orElseThrow(() -> ApiException.badRequest(
                    "deadline steps are register, dispatch, handle and verify, not '" + Params.clip(e.getKey()) + "'"));
            DeadlineBody db = e.getValue();
            if (db == null || db.amount() == null || db.unit() == null) throw ApiException.badRequest("each deadline needs amount and unit");
            Deadline.Unit unit = Deadline.Unit.byDb(db.unit()).orElseThrow(() -> ApiException.badRequest("unit must be work_hours, work_days or hours"));
            if (db.amount() < 1 || db.amount() > Deadline.MAX_AMOUNT) throw ApiException.badRequest("amount must be from 1 to " + Deadline.MAX_AMOUNT);
            d.put(step, new Deadline(db.amount(), unit));
        }
        int version = categories.save(access.principal(ctx).actor(RequestIds.of(ctx)), code, new CategoryRepository.Edit(kind,
                Text.name("major_name", b.majorName(), 50), Text.name("name", b.name(), 50), Text.name("name_en", b.nameEn(), 100),
                b.active() == null || b.active(), b.departmentId(), d, b.version()));
        reference.invalidate();
        ctx.status(b.version() == null ? 201 : 200).json(Map.of("code", code, "version", version));
    }

    void listDepartments(Context ctx, Params p) throws Exception { CaseRoutes.json(ctx, departments.json()); }

    record DepartmentBody(String code, String name, String nameEn, Boolean active, Integer version) {}

    void createDepartment(Context ctx, Params p) throws Exception { saveDepartment(ctx, null); }

    void updateDepartment(Context ctx, Params p) throws Exception { saveDepartment(ctx, Params.pathId(ctx, "id")); }

    private void saveDepartment(Context ctx, Long id) throws Exception {
        DepartmentBody b = Json.body(ctx, DepartmentBody.class);
        if (b.code() == null || !b.code().matches("[a-z0-9_-]{2,32}")) throw ApiException.badRequest("code must be 2 to 32 of a-z, 0-9, _ and -");
        if (id != null && b.version() == null) throw ApiException.badRequest("version is required to change a department");
        long saved = departments.save(access.principal(ctx).actor(RequestIds.of(ctx)), id, b.code(), Text.name("name", b.name(), 100),
                Text.name("name_en", b.nameEn(), 100), b.active() == null || b.active(), b.version());
        ctx.status(id == null ? 201 : 200).json(Map.of("id", saved));
    }

    private static int year(Context ctx) {
        String y = ctx.pathParam("year");
        if (!y.matches("\\d{4}") || Integer.parseInt(y) < 2000 || Integer.parseInt(y) > 2100) throw ApiException.badRequest("year must be from 2000 to 2100");
        return Integer.parseInt(y);
    }

    void year(Context ctx, Params p) throws Exception { CaseRoutes.json(ctx, calendar.yearJson(year(ctx))); }

    record DayBody(String day, String kind, String name) {}

    record YearBody(String morningStart, String morningEnd, String afternoonStart, String afternoonEnd, List<DayBody> days, Integer version) {}

    void saveYear(Context ctx, Params p) throws Exception {
        int year = year(ctx);
        YearBody b = Json.body(ctx, YearBody.class);
        if (b.version() == null) throw ApiException.badRequest("version is required (-1 for a year not set up yet)");
        WorkingCalendar.Hours h;
        try {
            h = new WorkingCalendar.Hours(time("morning_start", b.morningStart()), time("morning_end", b.morningEnd()),
                    time("afternoon_start", b.afternoonStart()), time("afternoon_end", b.afternoonEnd()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        List<CalendarRepository.Day> days = new ArrayList<>();
        if (b.days() == null) throw ApiException.badRequest("days is required (an empty list for a year without exceptions)");
        if (b.days().size() > 366) throw ApiException.badRequest("a year has at most 366 days");
        for (DayBody d : b.days()) {
            if (d == null || d.day() == null || d.kind() == null) throw ApiException.badRequest("each day needs day and kind");
            LocalDate date;
            try {
                date = LocalDate.parse(d.day());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("day must be a date YYYY-MM-DD, not '" + Params.clip(d.day()) + "'");
            }
            WorkingCalendar.DayKind kind = switch (d.kind()) {
                case "holiday" -> WorkingCalendar.DayKind.HOLIDAY;
                case "workday" -> WorkingCalendar.DayKind.WORKDAY;
                default -> throw ApiException.badRequest("kind must be holiday or workday");
            };
            // an unnamed day reads back as name "", so "" is accepted as no name: GET's answer can be PUT again
            boolean unnamed = d.name() == null || d.name().isEmpty();
            days.add(new CalendarRepository.Day(date, kind, unnamed ? "" : Text.name("name", d.name(), 50)));
        }
        calendar.replaceYear(access.principal(ctx).actor(RequestIds.of(ctx)), year, h, days, b.version());
        reference.invalidate();
        CaseRoutes.json(ctx, calendar.yearJson(year));
    }

    private static LocalTime time(String field, String v) {
        if (v == null) throw ApiException.badRequest(field + " is required (HH:MM)");
        if (!v.matches("\\d{2}:\\d{2}")) throw ApiException.badRequest(field + " must be HH:MM");
        try {
            return LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be a time of day HH:MM");
        }
    }
}
