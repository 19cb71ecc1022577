package gridmap.data.water;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A water project in a list: enough to name it, place it in the plan and add up its money (万元). */
public record ProjectSummary(long id, String code, String name, String projectType, String status, BigDecimal budgetWanYuan,
                             BigDecimal spentWanYuan, String responsibleUnit, String districtName, String riverChief) {

    /** Columns for {@link #of}, from water_project p with district d and chief k joined. */
    static final String COLUMNS = "p.id, p.code, p.name, p.project_type, p.status, p.budget_wan_yuan, p.spent_wan_yuan,"
            + " p.responsible_unit, d.name, k.name";

    /** FROM clause joining what {@link #COLUMNS} reads. */
    static final String FROM = " FROM water_project p LEFT JOIN admin_unit d ON d.id = p.district_id"
            + " LEFT JOIN river_chief k ON k.id = p.river_chief_id ";

    static ProjectSummary of(ResultSet rs) throws SQLException {
        return new ProjectSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }
}
