-- Water-related case categories (major 06 水环境), so that pollution tracing and a river chief's
-- list can find the open cases that concern water. Reported like any other event.
INSERT INTO case_category (code, kind, major_name, name, name_en, deadline_hours) VALUES
 ('0601','event','水环境','水体污染','Water pollution',4),
 ('0602','event','水环境','河道垃圾','Litter in a river',8),
 ('0603','event','水环境','排污口异常','Abnormal outfall discharge',4);
