-- Reference data: case categories (2-digit major + 2-digit minor), deadlines in working hours.
-- Events use majors 01-09, components (部件) majors 11-19, so one 4-digit code names either.
INSERT INTO case_category (code, kind, major_name, name, name_en, deadline_hours) VALUES
 ('0101','event','市容环境','私搭乱建','Illegal construction',4),
 ('0102','event','市容环境','暴露垃圾','Exposed garbage',4),
 ('0103','event','市容环境','道路不洁','Street not clean',2),
 ('0104','event','市容环境','乱堆物料','Materials piled on public land',8),
 ('0201','event','宣传广告','违规张贴','Illegal posting',8),
 ('0202','event','宣传广告','违规广告牌','Illegal billboard',24),
 ('0301','event','施工管理','施工扰民','Construction nuisance',4),
 ('0302','event','施工管理','工地渣土撒漏','Construction spoil spilled',4),
 ('0401','event','街面秩序','占道经营','Street vending on the road',2),
 ('0402','event','街面秩序','机动车乱停放','Illegal parking',2),
 ('0501','event','突发事件','路面塌陷','Road collapse',1),
 ('0502','event','突发事件','道路积水','Flooded road',2),
 ('1101','component','公用设施','井盖破损','Broken manhole cover',4),
 ('1102','component','公用设施','路灯不亮','Street light out',24),
 ('1201','component','交通设施','交通标志损坏','Damaged traffic sign',24),
 ('1301','component','市容环境设施','垃圾箱破损','Broken litter bin',8),
 ('1401','component','园林绿化','绿地养护','Green space upkeep',40),
 ('1501','component','其他设施','消防栓损坏','Damaged fire hydrant',8);
