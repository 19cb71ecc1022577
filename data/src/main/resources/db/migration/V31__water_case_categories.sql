-- Water-related case categories (major 06 水环境), so that pollution tracing and a river chief's
-- list can find the open cases that concern water. Reported like any other event, with the same
-- per-step deadlines as the other events (V20): register and dispatch within a working hour,
-- handle within the category's time, verify within 4 working hours.
INSERT INTO case_category (code, kind, major_name, name, name_en) VALUES
 ('0601','event','水环境','水体污染','Water pollution'),
 ('0602','event','水环境','河道垃圾','Litter in a river'),
 ('0603','event','水环境','排污口异常','Abnormal outfall discharge');
INSERT INTO case_category_deadline (category_code, step, amount, unit) VALUES
 ('0601','register',1,'work_hours'), ('0601','dispatch',1,'work_hours'), ('0601','handle',4,'work_hours'), ('0601','verify',4,'work_hours'),
 ('0602','register',1,'work_hours'), ('0602','dispatch',1,'work_hours'), ('0602','handle',8,'work_hours'), ('0602','verify',4,'work_hours'),
 ('0603','register',1,'work_hours'), ('0603','dispatch',1,'work_hours'), ('0603','handle',4,'work_hours'), ('0603','verify',4,'work_hours');
